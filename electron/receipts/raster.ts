// Hangul and Thai have no ESC/POS code page, so lines carrying them are drawn into a 1-bit-ready
// bitmap with @napi-rs/canvas (Skia, prebuilt N-API binary inside the npm package: no compiler, no
// download, the same binary under Node and Electron) using the system's fonts, and sent as raster
// images. Latin lines stay text (see escpos.ts).
import fs from 'node:fs';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

/** Font stack: Latin first, then Korean, then Thai, across Linux, Windows and macOS font names. */
export const RASTER_FONTS = '"DejaVu Sans", "NanumGothic", "Garuda", "Loma", "Malgun Gothic", "Leelawadee UI", "Apple SD Gothic Neo", "Thonburi", sans-serif';

const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', 'C:\\Windows\\Fonts', '/System/Library/Fonts', '/Library/Fonts'];
let fontsReady = false;

/** Skia finds system fonts itself on most machines; load the usual folders once when Hangul is missing. */
function ensureFonts(): void {
  if (fontsReady) return;
  fontsReady = true;
  const families = new Set(GlobalFonts.families.map((f) => f.family));
  if (families.has('NanumGothic') || families.has('Malgun Gothic') || families.has('Apple SD Gothic Neo')) return;
  for (const dir of FONT_DIRS) if (fs.existsSync(dir)) GlobalFonts.loadFontsFromDir(dir);
}

/** RGBA pixels, the shape ImageData has (what the ESC/POS encoder reads). */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface RasterStyle {
  /** Font size in dots (203 dpi: 24 dots ≈ 3 mm, the height of font A). */
  readonly size: number;
  readonly bold?: boolean;
  readonly align?: 'left' | 'center' | 'right';
}

const lineHeight = (size: number): number => Math.ceil((size * 1.35) / 8) * 8; // rows in multiples of 8

function context(width: number, height: number): { ctx: SKRSContext2D; done: () => Bitmap } {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'middle';
  return {
    ctx,
    done: () => {
      const img = ctx.getImageData(0, 0, width, height);
      return { width: img.width, height: img.height, data: img.data };
    },
  };
}

const fontOf = (style: RasterStyle): string => `${style.bold ? 'bold ' : ''}${style.size}px ${RASTER_FONTS}`;

/** Splits text into lines no wider than `maxWidth`, at word boundaries (Thai has no spaces: Intl.Segmenter finds them). */
export function wrapText(text: string, maxWidth: number, style: RasterStyle): string[] {
  ensureFonts();
  const { ctx } = context(1, 1);
  ctx.font = fontOf(style);
  const fits = (s: string): boolean => ctx.measureText(s).width <= maxWidth;
  const segments = [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)].map((s) => s.segment);
  const lines: string[] = [];
  let current = '';
  for (const seg of segments) {
    if (fits(current + seg)) {
      current += seg;
      continue;
    }
    if (current.trim()) lines.push(current.trimEnd());
    current = seg.trimStart();
    // A single word wider than the paper is cut by grapheme.
    while (!fits(current) && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && !fits(current.slice(0, cut))) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current.trim()) lines.push(current.trimEnd());
  return lines.length ? lines : [''];
}

/** One bitmap `width` dots wide holding `text`, wrapped onto as many rows as it needs. */
export function renderText(text: string, width: number, style: RasterStyle): Bitmap {
  ensureFonts();
  const rows = wrapText(text, width, style);
  const lh = lineHeight(style.size);
  const { ctx, done } = context(width, lh * rows.length);
  ctx.font = fontOf(style);
  ctx.textAlign = style.align ?? 'left';
  const x = style.align === 'center' ? width / 2 : style.align === 'right' ? width : 0;
  rows.forEach((row, i) => ctx.fillText(row, x, i * lh + lh / 2));
  return done();
}

/** A label on the left and a value on the right, on one row when both fit, else the value below. */
export function renderPair(labelText: string, value: string, width: number, style: RasterStyle): Bitmap {
  ensureFonts();
  const { ctx: probe } = context(1, 1);
  probe.font = fontOf(style);
  const gap = style.size;
  if (probe.measureText(labelText).width + gap + probe.measureText(value).width > width) {
    const top = renderText(labelText, width, { ...style, align: 'left' });
    const bottom = renderText(value, width, { ...style, align: 'right' });
    return stack([top, bottom]);
  }
  const lh = lineHeight(style.size);
  const { ctx, done } = context(width, lh);
  ctx.font = fontOf(style);
  ctx.textAlign = 'left';
  ctx.fillText(labelText, 0, lh / 2);
  ctx.textAlign = 'right';
  ctx.fillText(value, width, lh / 2);
  return done();
}

function stack(parts: readonly Bitmap[]): Bitmap {
  const width = parts[0]?.width ?? 0;
  const height = parts.reduce((h, p) => h + p.height, 0);
  const data = new Uint8ClampedArray(width * height * 4);
  let offset = 0;
  for (const p of parts) {
    data.set(p.data, offset);
    offset += p.data.length;
  }
  return { width, height, data };
}

/** Encodes a bitmap as PNG (screenshots of what the printer receives). */
export function bitmapToPng(bitmap: Bitmap): Buffer {
  const canvas = createCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(bitmap.width, bitmap.height);
  img.data.set(bitmap.data);
  ctx.putImageData(img, 0, 0);
  return canvas.toBuffer('image/png');
}
