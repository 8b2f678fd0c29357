import type { backend as english } from '../en/backend';

export const backend: typeof english = {
};
