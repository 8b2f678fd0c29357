// The drawing part of the page's English catalogue; zh/drawing.ts has the same messages in Chinese.
export const drawing = {
};
