// An inline SVG bar chart of successful sales by local hour (amount as bar height, count on top).
import type { Currency } from '../../../shared';
import { formatAmount } from '../../../shared';
import { escapeHtml } from './escape';

export interface HourBar {
  readonly hour: number;
  readonly count: number;
  readonly amount: number;
}

const W = 680;
const H = 200;
const PAD_L = 80;
const PAD_B = 30;
const PAD_T = 22;

export function hourChartSvg(bars: readonly HourBar[], currency: Currency): string {
  const max = Math.max(1, ...bars.map((b) => b.amount));
  const plotW = W - PAD_L - 8;
  const plotH = H - PAD_B - PAD_T;
  const step = plotW / Math.max(1, bars.length);
  const barW = Math.max(2, step * 0.7);
  const rects = bars
    .map((b, i) => {
      const h = (b.amount / max) * plotH;
      const x = PAD_L + i * step + (step - barW) / 2;
      const y = PAD_T + plotH - h;
      const label = `<text x="${(x + barW / 2).toFixed(1)}" y="${H - 8}" class="ax">${String(b.hour).padStart(2, '0')}</text>`;
      const count = b.count > 0 ? `<text x="${(x + barW / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" class="ct">${b.count}</text>` : '';
      const title = `<title>${escapeHtml(`${String(b.hour).padStart(2, '0')}:00 — ${b.count} sales, ${formatAmount({ amount: b.amount, currency })} ${currency}`)}</title>`;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" rx="2">${title}</rect>${label}${count}`;
    })
    .join('');
  const top = escapeHtml(formatAmount({ amount: max, currency }));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Sales by hour">
<style>rect{fill:#2f6f5e}.ax{font-size:15px;fill:#555;text-anchor:middle}.ct{font-size:14px;fill:#222;text-anchor:middle}.yl{font-size:15px;fill:#555;text-anchor:end}</style>
<line x1="${PAD_L}" y1="${PAD_T + plotH}" x2="${W - 8}" y2="${PAD_T + plotH}" stroke="#999"/>
<line x1="${PAD_L}" y1="${PAD_T}" x2="${W - 8}" y2="${PAD_T}" stroke="#ddd" stroke-dasharray="3 3"/>
<text x="${PAD_L - 6}" y="${PAD_T + 4}" class="yl">${top}</text>
<text x="${PAD_L - 6}" y="${PAD_T + plotH}" class="yl">0</text>
${rects}
</svg>`;
}
