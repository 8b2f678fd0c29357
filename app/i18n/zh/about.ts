import type { about as english } from '../en/about';

export const about: typeof english = {
};
