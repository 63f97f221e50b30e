// The test-mode pages: authorize_uri (on a phone, Opn's test page: merchant, amount, Successful / Failed;
// on a desktop, only KakaoPay's QR card, see checkout-page.ts), the test controls page the cashier opens
// (the same form at any width, the wallet link) and the finished slip. Every interpolated value goes
// through escapeHtml.
import { formatMoney } from '../../shared';
import { OPN_FAILURE_CODES } from '../../shared';
import type { ChargeRecord } from '../state/records';
import { FAILURE_MESSAGES } from '../state/lifecycle';
import { isoSeconds } from '../time';
import { CHECKOUT_STYLE } from './checkout-page';
import { escapeHtml } from './html';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f4f6;color:#1d1d1f}
main{max-width:420px;margin:0 auto;padding:24px 18px}
.badge{display:inline-block;background:#ffe812;color:#3c1e1e;font-weight:700;border-radius:999px;padding:4px 12px;font-size:13px}
.test{background:#ff9f0a;color:#fff;margin-left:6px}
.card{background:#fff;border-radius:18px;padding:22px;margin-top:16px;box-shadow:0 2px 10px rgba(0,0,0,.06)}
.merchant{font-size:15px;color:#6e6e73}.amount{font-size:38px;font-weight:700;margin:6px 0 2px;letter-spacing:-.5px}
.meta{font-size:13px;color:#6e6e73;word-break:break-all}
button{width:100%;border:0;border-radius:14px;padding:16px;font-size:18px;font-weight:600;margin-top:12px;cursor:pointer}
.ok{background:#1f9d55;color:#fff}.fail{background:#fff;color:#c62828;border:2px solid #c62828}
select{width:100%;padding:12px;border-radius:12px;border:1px solid #c7c7cc;font-size:16px;background:#fff;margin-top:6px}
.status{font-size:22px;font-weight:700;margin:4px 0}a.back{display:block;text-align:center;margin-top:16px;color:#0a66c2}
`;

const BADGES = '<span class="badge">KakaoPay</span><span class="badge test">TEST MODE</span>';

/** `mainClass` 'checkout': the page authorize_uri serves (the desktop card, the test form on a phone). */
function layout(title: string, body: string, mainClass = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}${CHECKOUT_STYLE}</style></head>
<body><main${mainClass ? ` class="${mainClass}"` : ''}>${body}</main></body></html>`;
}

/** `withId`: the charge id, for the shop's test pages; the slip the customer display may frame has none. */
function summary(charge: ChargeRecord, merchantName: string, withId = true): string {
  const amount = formatMoney({ amount: charge.amount, currency: charge.currency });
  return `<div class="merchant">${escapeHtml(merchantName)}</div>
<div class="amount">${escapeHtml(amount)}</div>
${withId ? `<div class="meta">${escapeHtml(charge.currency)} · ${escapeHtml(charge.id)}</div>` : ''}
${charge.description ? `<div class="meta">${escapeHtml(charge.description)}</div>` : ''}`;
}

/** Opn's test-mode card and Successful / Failed form, posting to the charge's authorize path. */
function testForm(charge: ChargeRecord, merchantName: string, formAction: string): string {
  const options = OPN_FAILURE_CODES.map((code) => `<option value="${escapeHtml(code)}"${code === 'payment_rejected' ? ' selected' : ''}>${escapeHtml(code)}: ${escapeHtml(FAILURE_MESSAGES[code] ?? '')}</option>`).join('');
  const note = charge.capture ? '' : '<div class="meta">Manual capture: paying authorizes the amount; the shop captures it later.</div>';
  return `<div class="card">${summary(charge, merchantName)}${note}
<div class="meta">Expires ${escapeHtml(isoSeconds(charge.expiresAt))}</div></div>
<form class="card" method="post" action="${escapeHtml(formAction)}">
<button class="ok" type="submit" name="outcome" value="successful">Successful</button>
<label class="meta" for="failure_code" style="display:block;margin-top:18px">Or fail it with</label>
<select id="failure_code" name="failure_code">${options}</select>
<button class="fail" type="submit" name="outcome" value="failed">Failed</button>
</form>`;
}

/** authorize_uri: `desktop` is the KakaoPay card (QR of the wallet URL) and its status watcher; the test form shows on a phone only. */
export function authorizePage(charge: ChargeRecord, merchantName: string, formAction: string, desktop = ''): string {
  return layout(`Pay ${merchantName}`, `${desktop}<div class="narrow-only">${BADGES}${testForm(charge, merchantName, formAction)}</div>`, 'checkout');
}

/** The shop's test controls for a charge (opened from the cashier in demo mode): the form at any width, the wallet and the customer's page. */
export function testControlsPage(charge: ChargeRecord, merchantName: string, formAction: string, links: { wallet: string; checkout: string }): string {
  return layout(
    `Test controls: ${merchantName}`,
    `${BADGES}<h1 class="status">Sandbox test controls</h1>
<p>Complete this test payment as Opn's test mode would, or pay it from the sandbox wallet as a customer's phone would.</p>
${testForm(charge, merchantName, formAction)}
<div class="card"><a class="back" data-testid="wallet-link" href="${escapeHtml(links.wallet)}">Open the sandbox wallet (the customer's phone)</a>
<a class="back" data-testid="checkout-link" href="${escapeHtml(links.checkout)}">Open the customer's checkout page</a></div>`,
  );
}

export function finishedPage(charge: ChargeRecord, merchantName: string): string {
  const label = charge.status === 'pending' && charge.authorized ? 'authorized' : charge.status;
  return layout(
    `Payment ${label}`,
    `${BADGES}<div class="card">${summary(charge, merchantName, false)}<div class="status">Payment ${escapeHtml(label)}</div>
${charge.failureCode ? `<div class="meta">${escapeHtml(charge.failureCode)}</div>` : ''}</div>
<a class="back" data-testid="back-to-merchant" href="${escapeHtml(charge.returnUri)}">Back to merchant</a>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `${BADGES}<div class="card"><div class="status">${escapeHtml(title)}</div><div class="meta">${escapeHtml(message)}</div></div>`);
}
