import type { chart as english } from '../en/chart';

export const chart: typeof english = {
};
