// The runs part of the page's English catalogue; zh/runs.ts has the same messages in Chinese.
export const runs = {
};
