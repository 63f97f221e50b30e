// The desktop rendition of the live KakaoPay checkout at authorize_uri (the guide's desktop flow): one card
// with the QR, the merchant and the amount, as KakaoPay's own page, and nothing else: what the customer
// display frames. The QR encodes the sandbox's "wallet" page for this charge (standing in for the KakaoPay
// app). When the charge completes the page reloads into the confirmation slip with "Back to merchant".
// Opn's test-mode Successful/Failed form shows only on a phone-sized screen (as Opn's test page there); at
// desktop widths it lives on the test controls page the cashier opens (testControlsPage).
import { CHECKOUT_PAGE, formatMoney } from '../../shared';
import type { ChargeRecord } from '../state/records';
import { escapeHtml } from './html';

// The QR box: the QR itself is CHECKOUT_PAGE.qrSidePx (the size the display's fit assumes) inside the border.
const QR = CHECKOUT_PAGE.qrSidePx;

export const CHECKOUT_STYLE = `
.kp-desk{display:none}
@media (min-width:481px){
main.checkout{max-width:none;min-height:100vh;display:grid;place-items:center;padding:24px}
main.checkout>.narrow-only{display:none}
.kp-desk{display:flex;flex-direction:column;gap:18px;background:#fff;border-radius:24px;padding:28px 32px;box-shadow:0 4px 24px rgba(0,0,0,.08)}
.kp-brand{align-self:flex-start;background:#ffe812;color:#191919;font-weight:800;border-radius:999px;padding:4px 14px;font-size:15px}
.kp-row{display:flex;gap:32px;align-items:center}
.kp-qr{width:${QR + 28}px;height:${QR + 28}px;flex:none;background:#fff;border:8px solid #ffe812;border-radius:16px;padding:6px}
.kp-qr svg{width:100%;height:100%;display:block}
.kp-text{width:300px}.kp-merchant{font-size:17px;color:#6e6e73}.kp-amount{font-size:40px;font-weight:700;margin:4px 0 14px}
.kp-steps{margin:0;padding-left:20px;color:#3a3a3c}.kp-steps li{margin:4px 0}
}
`;

/** The QR card of the desktop page; `qrSvg` is generated from a URL the sandbox builds (trusted markup). */
export function checkoutPanel(charge: ChargeRecord, merchantName: string, walletUrl: string, qrSvg: string): string {
  const amount = formatMoney({ amount: charge.amount, currency: charge.currency });
  return `<section class="kp-desk" data-testid="kakaopay-checkout" aria-label="Pay with KakaoPay">
<div class="kp-brand">kakaopay</div>
<div class="kp-row"><div class="kp-qr" data-wallet-url="${escapeHtml(walletUrl)}" role="img" aria-label="KakaoPay QR code">${qrSvg}</div>
<div class="kp-text"><div class="kp-merchant">${escapeHtml(merchantName)}</div><div class="kp-amount">${escapeHtml(amount)}</div>
<ol class="kp-steps"><li>Open KakaoPay on your phone</li><li>Tap the scanner and scan this QR code</li><li>Check the amount and confirm</li></ol></div></div>
</section>`;
}

/** Reloads the page once the charge leaves `pending`, so the desktop shows the confirmation slip. */
export function statusWatcher(statusPath: string): string {
  return `<script>(function(){var p=${JSON.stringify(statusPath)};function t(){fetch(p,{cache:'no-store'}).then(function(r){return r.json()}).then(function(j){if(j&&j.status&&j.status!=='pending'){location.reload()}else{setTimeout(t,1000)}}).catch(function(){setTimeout(t,2000)})}setTimeout(t,1000)})();</script>`;
}
