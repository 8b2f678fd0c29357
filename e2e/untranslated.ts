// What a reader of a translated page would find still in English: a text with a word of two or more
// Latin letters that is not a name kept in every language (a function's, a product's, a unit's).
// Shared by the catalogue's unit test and the page's e2e test.

/** Names that stay as they are in Chinese text too: the article writes them so. */
export const KEPT_NAMES = [
  'gradlab', 'MNIST', 'PyTorch', 'TensorFlow.js', 'WebGPU', 'WebAssembly', 'JavaScript', 'SIMD', 'GPU', 'CPU',
  'ReLU', 'Leaky ReLU', 'GELU', 'SiLU', 'swish', 'ELU', 'Softplus', 'Sigmoid', 'Tanh', 'tanh', 'softmax', 'sigmoid',
  'SGD', 'Adam', 'MSE', 'BCE', 'lr', 'ln', 'exp', 'log', 'max', 'min', 'std',
  'safetensors', 'JSON', 'CSV', 'PNG', 'URL', 'KB', 'MB', 'GB', 'ms',
];

const KEPT = new RegExp(
  `(?<![A-Za-z])(${[...KEPT_NAMES].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![A-Za-z])`,
  'g',
);

/** An address's parameter as the reader types it (`lang=zh`, `backend=wasm`): the same in every language. */
const URL_PARAMETER = /(?<![A-Za-z])[a-z]+=[\w.-]*/g;

/** True when `text` still has an English word once the kept names are taken out. */
export function looksUntranslated(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text.replace(KEPT, '').replace(URL_PARAMETER, ''));
}

/** True when `text` has a Chinese character: what an English page must not show. */
export function hasChinese(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/** Runs in the page: every text and every named attribute outside translate="no", each once. */
export function pageTexts(): string[] {
  const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext', 'aria-roledescription'];
  const kept = (element: Element | null) => !element?.closest('[translate="no"], script, style, noscript');
  const texts = new Set<string>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text && kept(node.parentElement)) texts.add(text);
  }
  for (const element of document.body.querySelectorAll('*')) {
    if (!kept(element)) continue;
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name)?.trim();
      if (value) texts.add(value);
    }
  }
  return [...texts];
}
