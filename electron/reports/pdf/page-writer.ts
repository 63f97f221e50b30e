// A small A4 page writer over Skia's PDF backend (@napi-rs/canvas PDFDocument): text that fits its
// box (wrapped by words, Thai included, or cut with an ellipsis), tables whose header repeats on every
// page, and a footer per page. Units are PDF points; text is real text (searchable, copyable).
import type { CanvasRenderingContext2D } from '@napi-rs/canvas';
import { PDFDocument } from '@napi-rs/canvas';
import { ensureFonts, MONO, SANS } from './fonts';

export const PAGE = { width: 595.28, height: 841.89, marginX: 34, marginTop: 40, marginBottom: 44 } as const;
export const COLOR = { text: '#1d2327', accent: '#2f6f5e', muted: '#667', rule: '#e6e9eb', head: '#99a', zebra: '#f5f7f7', warn: '#a33' } as const;

export interface FontSpec {
  readonly size: number;
  readonly bold?: boolean;
  readonly mono?: boolean;
}

export const font = (f: FontSpec): string => `${f.bold ? 'bold ' : ''}${f.size}px ${f.mono ? MONO : SANS}`;

/**
 * No narrower than the text can be drawn: digits are at most 0.64 em wide (0.72 bold) and . , : ; space
 * 0.4 em (0.44) in the sans fonts of the list, ASCII in a monospace font 0.61 em; anything
 * else (Hangul, W, —) at most 1.05 em (1.15 bold). A property test holds it to the fonts measured.
 */
export function widthBound(s: string, f: FontSpec): number {
  let em = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (f.mono && c >= 0x20 && c < 0x7f) em += 0.61;
    else if (c >= 0x30 && c <= 0x39) em += f.bold ? 0.72 : 0.64;
    else if (c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b || c === 0x20) em += f.bold ? 0.44 : 0.4;
    else em += f.bold ? 1.15 : 1.05;
  }
  return em * f.size;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export class PageWriter {
  readonly left = PAGE.marginX;
  readonly right = PAGE.width - PAGE.marginX;
  readonly width = PAGE.width - 2 * PAGE.marginX;
  readonly bottom = PAGE.height - PAGE.marginBottom;
  y: number = PAGE.marginTop;
  page = 0;
  ctx: CanvasRenderingContext2D;
  private readonly doc: PDFDocument;
  private currentFont = '';
  private currentColor = '';
  private currentAlign = 'start';
  /** Text widths by font and string: statuses, names and labels repeat on every row. */
  private readonly widths = new Map<string, number>();
  /** Wrapped lines by font, width and text: a failure's words wrap the same on every row. */
  private readonly wrapped = new Map<string, string[]>();

  constructor(title: string, private readonly footer: string) {
    ensureFonts();
    this.doc = new PDFDocument({ title, creator: 'KakaoPay Counter', producer: 'KakaoPay Counter (Skia/PDF)', compressionLevel: 6 });
    this.ctx = this.begin();
  }

  private begin(): CanvasRenderingContext2D {
    this.page++;
    const ctx = this.doc.beginPage(PAGE.width, PAGE.height);
    this.currentFont = '';
    this.currentColor = '';
    this.currentAlign = 'start';
    this.y = PAGE.marginTop;
    return ctx;
  }

  private end(): void {
    const y = PAGE.height - PAGE.marginBottom / 2;
    this.text(this.footer, this.left, y, { size: 6.5 }, { color: COLOR.muted, maxWidth: this.width - 50 });
    this.text(`page ${this.page}`, this.right, y, { size: 6.5 }, { color: COLOR.muted, align: 'right' });
    this.doc.endPage();
  }

  /** Starts a new page when `height` more points do not fit; returns whether it did. */
  room(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.end();
    this.ctx = this.begin();
    return true;
  }

  setFont(f: FontSpec): void {
    const css = font(f);
    if (css !== this.currentFont) {
      this.ctx.font = css;
      this.currentFont = css;
    }
  }

  measure(s: string, f: FontSpec): number {
    const key = `${font(f)}\u0000${s}`;
    const known = this.widths.get(key);
    if (known !== undefined) return known;
    this.setFont(f);
    const width = this.ctx.measureText(s).width;
    if (this.widths.size < 10_000) this.widths.set(key, width);
    return width;
  }

  /** True without measuring when an upper bound of the width fits: most cells (times, amounts, ids). */
  private surelyFits(s: string, maxWidth: number, f: FontSpec): boolean {
    return widthBound(s, f) <= maxWidth;
  }

  /** Draws one line at baseline `y`; cut with an ellipsis to `maxWidth` when given. */
  text(s: string, x: number, y: number, f: FontSpec, o: { color?: string; align?: 'left' | 'right' | 'center'; maxWidth?: number } = {}): void {
    if (s === '') return;
    this.setFont(f);
    const line = o.maxWidth === undefined ? s : this.fit(s, o.maxWidth, f);
    // Each property set is a native call: only changes are sent (a busy day draws ~4,000 cells).
    const color = o.color ?? COLOR.text;
    if (color !== this.currentColor) this.ctx.fillStyle = this.currentColor = color;
    const align = o.align ?? 'left';
    if (align !== this.currentAlign) this.ctx.textAlign = this.currentAlign = align;
    this.ctx.fillText(line, x, y);
  }

  /** The longest start of `s` (by grapheme) that fits `maxWidth` with an ellipsis. */
  fit(s: string, maxWidth: number, f: FontSpec): string {
    if (this.surelyFits(s, maxWidth, f) || this.measure(s, f) <= maxWidth) return s;
    const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);
    let lo = 0;
    let hi = graphemes.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.measure(`${graphemes.slice(0, mid).join('')}…`, f) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    return `${graphemes.slice(0, lo).join('')}…`;
  }

  /** Splits `s` into lines no wider than `maxWidth`, at word boundaries (Intl.Segmenter finds Thai words). */
  wrap(s: string, maxWidth: number, f: FontSpec): string[] {
    if (this.surelyFits(s, maxWidth, f) || this.measure(s, f) <= maxWidth) return [s];
    const key = `${font(f)}\u0000${maxWidth}\u0000${s}`;
    const known = this.wrapped.get(key);
    if (known) return known;
    const lines = this.wrapWords(s, maxWidth, f);
    if (this.wrapped.size < 1_000) this.wrapped.set(key, lines);
    return lines;
  }

  private wrapWords(s: string, maxWidth: number, f: FontSpec): string[] {
    const lines: string[] = [];
    let current = '';
    for (const { segment } of segmenter.segment(s)) {
      const next = current + segment;
      if (current === '' || this.measure(next, f) <= maxWidth) {
        current = next;
        continue;
      }
      lines.push(current.trimEnd());
      current = segment.trimStart();
    }
    if (current.trim()) lines.push(current.trimEnd());
    return lines.map((l) => this.fit(l, maxWidth, f));
  }

  line(x1: number, y1: number, x2: number, y2: number, color: string, width = 0.5, dash: number[] = []): void {
    this.ctx.strokeStyle = color;
    this.ctx.lineWidth = width;
    this.ctx.setLineDash(dash);
    this.ctx.beginPath();
    this.ctx.moveTo(x1, y1);
    this.ctx.lineTo(x2, y2);
    this.ctx.stroke();
    this.ctx.setLineDash([]);
  }

  rect(x: number, y: number, w: number, h: number, color: string): void {
    this.ctx.fillStyle = this.currentColor = color;
    this.ctx.fillRect(x, y, w, h);
  }

  /** Section title, kept on the page with at least `keep` points after it. */
  heading(s: string, keep = 40, x: number = this.left): void {
    this.y += 8;
    this.room(14 + keep);
    this.text(s, x, this.y + 9, { size: 10, bold: true }, { color: COLOR.accent });
    this.y += 15;
  }

  close(): Buffer {
    this.end();
    return this.doc.close();
  }
}
