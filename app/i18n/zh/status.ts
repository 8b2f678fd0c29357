import type { status as english } from '../en/status';

export const status: typeof english = {
};
