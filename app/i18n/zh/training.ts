import type { training as english } from '../en/training';

export const training: typeof english = {
};
