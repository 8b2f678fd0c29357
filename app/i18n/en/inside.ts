// The inside part of the page's English catalogue; zh/inside.ts has the same messages in Chinese.
export const inside = {
};
