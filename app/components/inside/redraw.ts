/** The inside panels follow the statistics at most this often (~4 Hz): the worker samples them no faster. */
export const INSIDE_REDRAW_MS = 250;
