// The training part of the page's English catalogue; zh/training.ts has the same messages in Chinese.
export const training = {
};
