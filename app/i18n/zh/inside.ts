import type { inside as english } from '../en/inside';

export const inside: typeof english = {
};
