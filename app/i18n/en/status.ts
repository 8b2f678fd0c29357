// The status part of the page's English catalogue; zh/status.ts has the same messages in Chinese.
export const status = {
};
