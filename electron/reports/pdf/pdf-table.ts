// A table drawn by the page writer: fixed column widths, a bold header row repeated on each new page,
// zebra rows, text columns wrapped by words (a row grows to its tallest cell), others cut to fit.
import { COLOR, type FontSpec, type PageWriter } from './page-writer';

export interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
  readonly mono?: boolean;
  /** Wrap to several lines instead of cutting with an ellipsis. */
  readonly wrap?: boolean;
}

/** A cell: its text, and an optional muted tail on the same run (e.g. a failure after the status). */
export type Cell = string | { readonly text: string; readonly muted: string };

const BODY: FontSpec = { size: 7.5 };
const LINE = 9.5;
const PAD = 2;

/** Yields to the event loop at each page break, so a long day never holds the main process for long. */
export async function drawTable(w: PageWriter, columns: readonly Column[], rows: readonly (readonly Cell[])[], options: { x?: number; width?: number; zebra?: boolean } = {}): Promise<void> {
  const x0 = options.x ?? w.left;
  const scale = (options.width ?? w.width) / columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => c.width * scale);
  const xs = widths.map((_, i) => x0 + widths.slice(0, i).reduce((s, v) => s + v, 0));
  const inner = (i: number): number => widths[i]! - 2 * PAD;
  const at = (i: number, align: 'left' | 'right' | undefined): number => (align === 'right' ? xs[i]! + widths[i]! - PAD : xs[i]! + PAD);

  const header = (): void => {
    columns.forEach((c, i) => w.text(c.title, at(i, c.align), w.y + LINE - 2.5, { ...BODY, bold: true }, { align: c.align ?? 'left', maxWidth: inner(i) }));
    w.y += LINE + 1;
    w.line(x0, w.y, x0 + widths.reduce((s, v) => s + v, 0), w.y, COLOR.head, 0.6);
    w.y += 1;
  };
  header();

  for (const [r, row] of rows.entries()) {
    const cellLines = row.map((cell, i) => {
      const col = columns[i]!;
      const f: FontSpec = col.mono ? { size: 6.8, mono: true } : BODY;
      const text = typeof cell === 'string' ? cell : cell.muted ? `${cell.text} · ${cell.muted}` : cell.text;
      return col.wrap ? w.wrap(text, inner(i), f) : [text];
    });
    const height = Math.max(1, ...cellLines.map((l) => l.length)) * LINE + 1;
    if (w.room(height)) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      header();
    }
    if (options.zebra !== false && r % 2 === 1) w.rect(x0, w.y, widths.reduce((s, v) => s + v, 0), height, COLOR.zebra);
    row.forEach((cell, i) => {
      const col = columns[i]!;
      const f: FontSpec = col.mono ? { size: 6.8, mono: true } : BODY;
      const lines = cellLines[i]!;
      const mutedFrom = typeof cell === 'string' || !cell.muted ? Infinity : cell.text.length;
      let consumed = 0;
      lines.forEach((line, n) => {
        const y = w.y + LINE * (n + 1) - 2.5;
        // The muted tail (after the status) keeps its own colour, even when wrapped onto the next lines.
        if (consumed >= mutedFrom) w.text(line, at(i, col.align), y, f, { color: COLOR.muted, align: col.align ?? 'left', maxWidth: inner(i) });
        else if (consumed + line.length > mutedFrom) {
          const head = line.slice(0, mutedFrom - consumed);
          w.text(head, at(i, col.align), y, f, { align: 'left' });
          w.text(line.slice(mutedFrom - consumed), at(i, col.align) + w.measure(head, f), y, f, { color: COLOR.muted, align: 'left' });
        } else w.text(line, at(i, col.align), y, f, { align: col.align ?? 'left', maxWidth: inner(i) });
        consumed += line.length + 1;
      });
    });
    w.y += height;
  }
}
