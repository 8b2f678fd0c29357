// The backend part of the page's English catalogue; zh/backend.ts has the same messages in Chinese.
export const backend = {
};
