// The page's own address parameters (backend, lang): read one, or write one keeping the others.

/** `search` with `name` set to `value` (null: removed), the other parameters as they were; bare flags stay bare (`?debug`). */
export function queryWith(search: string, name: string, value: string | null): string {
  const params = new URLSearchParams(search);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const query = params.toString().replace(/=(?=&|$)/g, '');
  return query ? `?${query}` : '';
}
