// The about part of the page's English catalogue; zh/about.ts has the same messages in Chinese.
export const about = {
};
