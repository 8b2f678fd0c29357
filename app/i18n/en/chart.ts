// The chart part of the page's English catalogue; zh/chart.ts has the same messages in Chinese.
export const chart = {
};
