// The page's own address parameters (backend, lang): write one keeping the others, and put the result in the address.

/** `search` with `name` set to `value` (null: removed), the other parameters as they were; bare flags stay bare (`?debug`). */
export function queryWith(search: string, name: string, value: string | null): string {
  const params = new URLSearchParams(search);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const query = params.toString().replace(/=(?=&|$)/g, '');
  return query ? `?${query}` : '';
}

/** The address with `query` for its parameters, in place (no reload, no new history entry): a link or a reload keeps it. */
export function replaceQuery(query: string): void {
  history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
}
