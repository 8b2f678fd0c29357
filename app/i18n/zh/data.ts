import type { data as english } from '../en/data';

export const data: typeof english = {
  manifest: 'MNIST 清单',
  file: (file) => `MNIST 文件 ${file}`,
  download: (what, url, detail) => `无法从 ${url} 下载 ${what}：${detail}`,
  badManifest: (url, detail) => `${url} 处的 MNIST 清单不可用（${detail}）：请重新安装依赖以重新生成它`,
  interrupted: (file, detail) => `MNIST 文件 ${file} 的下载中断了：${detail}`,
  corrupted: (file, detail) => `MNIST 文件 ${file} 已损坏（${detail}）——请重试`,
  other: (detail) => `无法加载 MNIST：${detail}`,
};
