// GET shows the authorize page; POST applies the payer's choice and redirects to the charge's return_uri.
import { z } from 'zod';
import { ApiError } from '../errors';
import type { Route } from '../http/router';
import { route } from '../http/router';
import type { Context } from '../state/context';
import { completeCharge } from '../state/lifecycle';
import QRCode from 'qrcode';
import { authorizePage, finishedPage, messagePage, testControlsPage } from './authorize-page';
import { checkoutPanel, statusWatcher } from './checkout-page';

const formSchema = z.object({
  outcome: z.enum(['successful', 'failed']),
  failure_code: z.string().max(64).optional(),
});

export function authorizeRoutes(ctx: Context, merchantName: string): Route[] {
  const find = (id: string) => ctx.store.chargesByPaymentId.get(id);
  const missing = { kind: 'html', status: 404, html: messagePage('Payment not found', 'This payment link is not valid.') } as const;
  return [
    route('GET', '/payments/:id/authorize', 'none', async (r) => {
      const charge = find(r.pathParams.id ?? '');
      if (!charge) return missing;
      const open = charge.status === 'pending' && !charge.authorized;
      if (!open) return { kind: 'html', status: 200, html: finishedPage(charge, merchantName) };
      const walletUrl = `${ctx.account.publicBaseUrl}/wallet/${charge.paymentId}`;
      const qr = await QRCode.toString(walletUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      const desktop = checkoutPanel(charge, merchantName, walletUrl, qr) + statusWatcher(`/payments/${charge.paymentId}/status`);
      return { kind: 'html', status: 200, html: authorizePage(charge, merchantName, r.path, desktop) };
    }),
    // The shop's test controls (sandbox only; shared/checkout-hosts.ts sandboxTestPageUri builds the link).
    route('GET', '/payments/:id/test', 'none', (r) => {
      const charge = find(r.pathParams.id ?? '');
      if (!charge) return missing;
      const open = charge.status === 'pending' && !charge.authorized;
      if (!open) return { kind: 'html', status: 200, html: finishedPage(charge, merchantName) };
      const base = `${ctx.account.publicBaseUrl}/payments/${charge.paymentId}`;
      const links = { wallet: `${ctx.account.publicBaseUrl}/wallet/${charge.paymentId}`, checkout: `${base}/authorize` };
      return { kind: 'html', status: 200, html: testControlsPage(charge, merchantName, `/payments/${charge.paymentId}/authorize`, links) };
    }),
    route('POST', '/payments/:id/authorize', 'none', (r) => {
      const charge = find(r.pathParams.id ?? '');
      if (!charge) return missing;
      const form = formSchema.safeParse(r.params);
      if (!form.success) return { kind: 'html', status: 400, html: messagePage('Bad request', 'Choose Successful or Failed.') };
      try {
        completeCharge(ctx, charge, form.data.outcome === 'successful' ? 'successful' : { failureCode: form.data.failure_code ?? 'payment_rejected' });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.code === 'bad_request') return { kind: 'html', status: 400, html: messagePage('Bad request', err.message) };
        // Already completed or expired: show where it stands instead of redirecting as if it just happened.
        return { kind: 'html', status: 409, html: finishedPage(charge, merchantName) };
      }
      return { kind: 'redirect', location: charge.returnUri };
    }),
  ];
}
