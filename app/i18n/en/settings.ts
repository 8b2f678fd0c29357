// The settings part of the page's English catalogue; zh/settings.ts has the same messages in Chinese.
export const settings = {
};
