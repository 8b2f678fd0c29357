// An axis title too long for its axis, in two lines: the chart says what it wants instead of
// measuring text in the DOM (see ChartPlot.tsx), so the width is an estimate on the safe side.

/** About how wide `text` is at `fontPx`: a Chinese or full-width character an em, any other 0.6 em. */
export function textWidth(text: string, fontPx: number): number {
  let ems = 0;
  for (const c of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(c) ? 1 : 0.6;
  return ems * fontPx;
}

/**
 * `text` as one line if it fits in `room` px, else as two that do: broken before its parenthesis
 * ("Training loss" / "(cross-entropy, nats)"), or at the space that leaves the longest first line.
 * A text with no such break stays one line.
 */
export function titleLines(text: string, room: number, fontPx: number): string[] {
  if (textWidth(text, fontPx) <= room) return [text];
  const fits = (at: number) => textWidth(text.slice(0, at).trimEnd(), fontPx) <= room && textWidth(text.slice(at).trimStart(), fontPx) <= room;
  const parenthesis = text.search(/[(（]/u);
  if (parenthesis > 0 && fits(parenthesis)) return [text.slice(0, parenthesis).trimEnd(), text.slice(parenthesis)];
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index).reverse();
  const at = spaces.find(fits);
  return at === undefined ? [text] : [text.slice(0, at), text.slice(at + 1)];
}
