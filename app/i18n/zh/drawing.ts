import type { drawing as english } from '../en/drawing';

export const drawing: typeof english = {
};
