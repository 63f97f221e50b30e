// The sales-by-hour bar chart drawn into the PDF (the SVG chart.ts of the previous design, in
// vectors): bar height = amount, the count above each bar, local hours below, the top amount at left.
import type { Currency } from '../../../shared';
import { formatAmount } from '../../../shared';
import type { HourBar } from './chart';
import { COLOR, type PageWriter } from './page-writer';

export function drawHourChart(w: PageWriter, bars: readonly HourBar[], currency: Currency, box: { x: number; y: number; width: number; height: number }): void {
  const top = formatAmount({ amount: Math.max(1, ...bars.map((b) => b.amount)), currency });
  const max = Math.max(1, ...bars.map((b) => b.amount));
  const padL = Math.max(20, w.measure(top, { size: 6.5 }) + 6);
  const padT = 12;
  const padB = 12;
  const plotW = box.width - padL - 2;
  const plotH = box.height - padT - padB;
  const x0 = box.x + padL;
  const base = box.y + padT + plotH;
  w.line(x0, box.y + padT, x0 + plotW, box.y + padT, '#ddd', 0.5, [2, 2]);
  w.line(x0, base, x0 + plotW, base, '#999', 0.6);
  w.text(top, x0 - 3, box.y + padT + 2.5, { size: 6.5 }, { color: '#555', align: 'right' });
  w.text('0', x0 - 3, base, { size: 6.5 }, { color: '#555', align: 'right' });
  const step = plotW / Math.max(1, bars.length);
  const barW = Math.max(1.5, step * 0.7);
  bars.forEach((b, i) => {
    const h = (b.amount / max) * plotH;
    const cx = x0 + i * step + step / 2;
    if (h > 0) w.rect(cx - barW / 2, base - h, barW, h, COLOR.accent);
    w.text(String(b.hour).padStart(2, '0'), cx, base + 8.5, { size: 5.8 }, { color: '#555', align: 'center' });
    if (b.count > 0) w.text(String(b.count), cx, base - h - 2, { size: 5.5 }, { color: '#222', align: 'center' });
  });
}
