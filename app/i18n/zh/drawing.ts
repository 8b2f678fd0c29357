import type { drawing as english } from '../en/drawing';

export const drawing: typeof english = {
  title: '写一个数字',
  padRole: '手写板',
  padLabel: '手写板：用鼠标、触控笔或手指写一个数字，或者使用一张测试图像；手写板获得焦点时，用方向键换一张',
  modelInput: '模型输入，28×28',
  inputLabel: '模型眼中的这幅手写',
  useTestImage: '使用一张测试图像',
  clear: '清除',
  onPad: (index, label) => `手写板上：第 ${index} 张测试图像，数字 ${label}。`,
  drawPrompt: '在手写板上写一个 0 到 9 的数字。',
  prediction: (digit) => `预测：${digit}`,
  noPrediction: (why) => `预测：–（${why}）`,
  trainFirst: '请先训练一个运行',
  selectedHidden: '所选的运行被隐藏了',
  notAskedYet: '还没有询问',
  notKept: '它的模型没有保留',
  noUsableModel: '目前没有可用的模型',
  cardsLabel: '每个显示的运行读出的结果',
  probabilities: (name) => `每个数字的概率，${name}`,
  cannotDraw: '这个浏览器无法在画布上绘图。',
};
