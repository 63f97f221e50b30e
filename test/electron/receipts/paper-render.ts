// Draws a parsed ESC/POS job the way a 203 dpi thermal printer would put it on paper: font A text in
// 12 × 24 dot cells (GS ! scales them, ESC E makes them bold), raster images dot for dot, a dashed
// line where the cutter cuts. Used for the docs screenshots of what the network printer prints; a
// test helper, not product code.
import { createCanvas } from '@napi-rs/canvas';
import type { ParsedJob, PrinterOp } from './fake-printer';

type Run = Extract<PrinterOp, { op: 'text' }>;

export function renderJobPng(job: ParsedJob, widthDots: number): Buffer {
  const lineHeight = (runs: readonly Run[]): number => 24 * Math.max(1, ...runs.map((r) => r.scaleH));
  let height = 48;
  let pending: Run[] = [];
  for (const op of job.ops) {
    if (op.op === 'text') pending.push(op);
    else if (op.op === 'feed') {
      height += lineHeight(pending);
      pending = [];
    } else if (op.op === 'raster') height += op.height;
  }
  const canvas = createCanvas(widthDots, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, widthDots, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'bottom';
  let y = 16;
  pending = [];
  const drawLine = (): void => {
    const lh = lineHeight(pending);
    let x = 0;
    for (const run of pending) {
      ctx.save();
      ctx.translate(0, y + lh);
      ctx.scale(run.scaleW, run.scaleH);
      ctx.font = `${run.bold ? 'bold ' : ''}20px "DejaVu Sans Mono"`;
      for (const ch of run.text) {
        ctx.fillText(ch, x / run.scaleW, -3);
        x += 12 * run.scaleW;
      }
      ctx.restore();
    }
    y += lh;
    pending = [];
  };
  for (const op of job.ops) {
    if (op.op === 'text') pending.push(op);
    else if (op.op === 'feed') drawLine();
    else if (op.op === 'raster') {
      const img = ctx.createImageData(op.width, op.height);
      const bytesPerRow = op.width / 8;
      for (let row = 0; row < op.height; row++) {
        for (let x = 0; x < op.width; x++) {
          const on = ((op.bits[row * bytesPerRow + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
          const p = (row * op.width + x) * 4;
          img.data.fill(on ? 0 : 255, p, p + 3);
          img.data[p + 3] = 255;
        }
      }
      ctx.putImageData(img, 0, y);
      y += op.height;
    } else if (op.op === 'cut') {
      ctx.setLineDash([6, 6]);
      ctx.beginPath();
      ctx.moveTo(0, y + 8);
      ctx.lineTo(widthDots, y + 8);
      ctx.stroke();
    }
  }
  return canvas.toBuffer('image/png');
}
