import { describe, expect, it } from 'vitest';
import { chooseLanguage, queryWithLanguage } from '../app/i18n/language';
import { catalogueOf } from '../app/i18n/messages';
import { plainText, type Parts } from '../app/i18n/wording';
import { hasChinese, looksUntranslated } from '../e2e/untranslated';

describe('the page language', () => {
  it('is the address’s lang when it is one of ours, else the browser’s first we speak, else English', () => {
    expect(chooseLanguage('?lang=zh', ['en-US'])).toBe('zh');
    expect(chooseLanguage('?lang=en', ['zh-CN'])).toBe('en');
    expect(chooseLanguage('?lang=fr', ['zh-Hans-SG', 'en'])).toBe('zh');
    expect(chooseLanguage('', ['de-DE', 'en-GB'])).toBe('en');
    expect(chooseLanguage('?debug', ['fr'])).toBe('en');
  });

  it('is written into the address keeping the other parameters', () => {
    expect(queryWithLanguage('?debug&backend=wasm', 'zh')).toBe('?debug&backend=wasm&lang=zh');
    expect(queryWithLanguage('?lang=zh&debug', 'en')).toBe('?lang=en&debug');
  });
});

/** Every message as text: strings as they are, functions called with sample arguments (a message of parts joined). */
function messageTexts(node: unknown, path: string): { path: string; text: string }[] {
  if (typeof node === 'string') return [{ path, text: node }];
  if (typeof node === 'function') {
    const asText = (message: unknown) => (Array.isArray(message) ? plainText(message as Parts) : String(message));
    const call = (sample: unknown) => asText((node as (...args: unknown[]) => unknown)(...Array(node.length).fill(sample)));
    let text: string;
    try {
      text = call(2);
    } catch {
      text = call('x');
    }
    return [{ path, text }];
  }
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => messageTexts(value, `${path}.${key}`));
  return [];
}

describe('the catalogues', () => {
  const english = messageTexts(catalogueOf('en'), 'en');
  const chinese = messageTexts(catalogueOf('zh'), 'zh');

  it('have the same messages', () => {
    expect(chinese.map(({ path }) => path.slice(3))).toEqual(english.map(({ path }) => path.slice(3)));
  });

  it('leave no English word in a Chinese message, nor a Chinese one in an English message', () => {
    expect(chinese.filter(({ text }) => looksUntranslated(text))).toEqual([]);
    expect(english.filter(({ text }) => hasChinese(text))).toEqual([]);
    expect(chinese.filter(({ text }, i) => english[i].text !== text).length).toBeGreaterThan(0);
  });
});
