// The sandbox's stand-in for the KakaoPay app: the desktop checkout's QR opens this page on a phone. It shows
// the payment summary with Pay and Decline (and the failure code a decline reports); the desktop page then
// turns into the confirmation slip.
import { z } from 'zod';
import { formatMoney } from '../../shared';
import { OPN_FAILURE_CODES } from '../../shared';
import { ApiError } from '../errors';
import type { Route } from '../http/router';
import { json, route } from '../http/router';
import type { Context } from '../state/context';
import { completeCharge, FAILURE_MESSAGES } from '../state/lifecycle';
import type { ChargeRecord } from '../state/records';
import { messagePage } from './authorize-page';
import { escapeHtml } from './html';

const formSchema = z.object({ action: z.enum(['pay', 'decline']), failure_code: z.enum(OPN_FAILURE_CODES).optional() });

function walletLayout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,sans-serif;background:#ffe812;color:#191919}
main{max-width:420px;margin:0 auto;padding:20px 16px}.app{font-weight:800;font-size:20px}
.card{background:#fff;border-radius:18px;padding:20px;margin-top:14px}.merchant{color:#6e6e73}.amount{font-size:36px;font-weight:800}
button{width:100%;border:0;border-radius:14px;padding:16px;font-size:18px;font-weight:700;margin-top:12px;cursor:pointer}
.pay{background:#191919;color:#ffe812}.decline{background:#fff;color:#c62828;border:2px solid #c62828}
select{width:100%;padding:10px;border-radius:10px;margin-top:6px;font-size:15px}.done{font-size:22px;font-weight:800}
</style></head><body><main><div class="app">kakaopay <small>(sandbox wallet)</small></div>${body}</main></body></html>`;
}

function walletSummary(charge: ChargeRecord, merchantName: string): string {
  const amount = formatMoney({ amount: charge.amount, currency: charge.currency });
  return `<div class="card"><div class="merchant">${escapeHtml(merchantName)}</div><div class="amount">${escapeHtml(amount)}</div>
<div class="merchant">${escapeHtml(charge.id)}</div></div>`;
}

export function walletRoutes(ctx: Context, merchantName: string): Route[] {
  const find = (id: string) => ctx.store.chargesByPaymentId.get(id);
  const missing = { kind: 'html', status: 404, html: messagePage('Payment not found', 'This payment link is not valid.') } as const;
  const done = (charge: ChargeRecord) => {
    const label = charge.status === 'successful' ? 'Payment complete' : charge.status === 'failed' ? 'Payment declined' : `Payment ${charge.status}`;
    return walletLayout(label, `${walletSummary(charge, merchantName)}<div class="card"><div class="done" data-testid="wallet-done">${escapeHtml(label)}</div><div class="merchant">You can return to the shop's screen.</div></div>`);
  };
  return [
    route('GET', '/wallet/:id', 'none', (r) => {
      const charge = find(r.pathParams.id ?? '');
      if (!charge) return missing;
      if (charge.status !== 'pending' || charge.authorized) return { kind: 'html', status: 200, html: done(charge) };
      const options = OPN_FAILURE_CODES.map((c) => `<option value="${escapeHtml(c)}"${c === 'payment_rejected' ? ' selected' : ''}>${escapeHtml(c)}: ${escapeHtml(FAILURE_MESSAGES[c] ?? '')}</option>`).join('');
      return {
        kind: 'html',
        status: 200,
        html: walletLayout(
          `Pay ${merchantName}`,
          `${walletSummary(charge, merchantName)}<form class="card" method="post" action="${escapeHtml(r.path)}">
<button class="pay" type="submit" name="action" value="pay">Pay</button>
<label class="merchant" for="failure_code" style="display:block;margin-top:16px">Decline reason (test)</label>
<select id="failure_code" name="failure_code">${options}</select>
<button class="decline" type="submit" name="action" value="decline">Decline</button></form>`,
        ),
      };
    }),
    route('POST', '/wallet/:id', 'none', (r) => {
      const charge = find(r.pathParams.id ?? '');
      if (!charge) return missing;
      const form = formSchema.safeParse(r.params);
      if (!form.success) return { kind: 'html', status: 400, html: messagePage('Bad request', 'Choose Pay or Decline.') };
      try {
        completeCharge(ctx, charge, form.data.action === 'pay' ? 'successful' : { failureCode: form.data.failure_code ?? 'payment_rejected' });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return { kind: 'html', status: 409, html: done(charge) };
      }
      return { kind: 'html', status: 200, html: done(charge) };
    }),
    // Polled by the desktop checkout page (no key: it only says whether the payment is still open).
    route('GET', '/payments/:id/status', 'none', (r) => {
      const charge = find(r.pathParams.id ?? '');
      if (!charge) return json({ object: 'error', code: 'not_found', message: 'payment not found' }, 404);
      return json({ object: 'payment_status', status: charge.status === 'pending' && charge.authorized ? 'authorized' : charge.status });
    }),
  ];
}
