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
  /** Text widths by font and string: statuses, names and labels repeat on every row. */
  private readonly widths = new Map<string, number>();

  constructor(title: string, private readonly footer: string) {
    ensureFonts();
    this.doc = new PDFDocument({ title, creator: 'KakaoPay Counter', producer: 'KakaoPay Counter (Skia/PDF)', compressionLevel: 6 });
    this.ctx = this.begin();
  }

  private begin(): CanvasRenderingContext2D {
    this.page++;
    const ctx = this.doc.beginPage(PAGE.width, PAGE.height);
    this.currentFont = '';
    this.y = PAGE.marginTop;
    return ctx;
  }

  private end(): void {
    this.text(`${this.footer} · page ${this.page}`, this.left, PAGE.height - PAGE.marginBottom / 2, { size: 6.5 }, { color: COLOR.muted });
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

  /** True without measuring when even glyphs one em wide (Hangul, W, —) would fit: most cells. */
  private surelyFits(s: string, maxWidth: number, f: FontSpec): boolean {
    return s.length * f.size <= maxWidth;
  }

  /** Draws one line at baseline `y`; cut with an ellipsis to `maxWidth` when given. */
  text(s: string, x: number, y: number, f: FontSpec, o: { color?: string; align?: 'left' | 'right' | 'center'; maxWidth?: number } = {}): void {
    if (s === '') return;
    this.setFont(f);
    const line = o.maxWidth === undefined ? s : this.fit(s, o.maxWidth, f);
    this.ctx.fillStyle = o.color ?? COLOR.text;
    this.ctx.textAlign = o.align ?? 'left';
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
    this.ctx.fillStyle = color;
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
