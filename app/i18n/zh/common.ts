import type { common as english } from '../en/common';

export const common: typeof english = {
  skipToChart: '跳到图表',
  tagline: '一个神经网络在你的浏览器里实时学习识别手写数字。',
  trainingSection: '训练',
  drawSection: '写一个数字',
  testImagesSection: '测试图像',
  testImagesFold: '测试图像',
  aboutSection: '这里发生了什么',
  aboutFold: '这里发生了什么',
  language: '语言',
  show: (what) => `显示${what}`,
  hide: (what) => `隐藏${what}`,
  newVersion: '有新版本可用——',
  reload: '重新加载',
  failed: (what, reason) => `${what}：${reason}`,
  listSeparator: '、',
  notALanguage: (value, choices) => `lang=${value} 不是本页面支持的语言；请从 ${choices} 中选择。`,
};
