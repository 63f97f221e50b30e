// The desktop rendition of the live KakaoPay checkout at authorize_uri (the guide's desktop flow): merchant,
// amount and a QR the customer scans with the KakaoPay app. Here the QR encodes the sandbox's "wallet"
// page for this charge (standing in for the KakaoPay app). When the charge completes the page reloads into
// the confirmation slip with "Back to merchant". Opn's test-mode Successful/Failed form stays below it, and
// on a phone-sized screen only that form shows, as before.
import { formatMoney } from '../../shared';
import type { ChargeRecord } from '../state/records';
import { escapeHtml } from './html';

export const CHECKOUT_STYLE = `
.kp-desk{display:none}
@media (min-width:481px){
main{max-width:760px}
.kp-desk{display:flex;flex-wrap:wrap;justify-content:center;gap:20px 28px;align-items:center;background:#fff;border-radius:18px;padding:24px;margin-top:16px;box-shadow:0 2px 10px rgba(0,0,0,.06)}
.kp-qr{width:260px;height:260px;flex:none;background:#fff;border:8px solid #ffe812;border-radius:16px;padding:6px}
.kp-qr svg{width:100%;height:100%;display:block}
.kp-desk>div:last-child{flex:1 1 220px;min-width:0}.kp-merchant{font-size:15px;color:#6e6e73}.kp-amount{font-size:40px;font-weight:700;margin:4px 0 12px}
.kp-steps{margin:0;padding-left:20px;color:#3a3a3c}.kp-steps li{margin:4px 0}
.testmode summary{cursor:pointer;color:#6e6e73;margin-top:18px}
}
`;

/** The QR panel of the desktop page; `qrSvg` is generated from a URL the sandbox builds (trusted markup). */
export function checkoutPanel(charge: ChargeRecord, merchantName: string, walletUrl: string, qrSvg: string): string {
  const amount = formatMoney({ amount: charge.amount, currency: charge.currency });
  return `<section class="kp-desk" data-testid="kakaopay-checkout" aria-label="Pay with KakaoPay">
<div class="kp-qr" data-wallet-url="${escapeHtml(walletUrl)}" role="img" aria-label="KakaoPay QR code">${qrSvg}</div>
<div><div class="kp-merchant">${escapeHtml(merchantName)}</div><div class="kp-amount">${escapeHtml(amount)}</div>
<ol class="kp-steps"><li>Open KakaoPay on your phone</li><li>Tap the scanner and scan this QR code</li><li>Check the amount and confirm</li></ol></div>
</section>`;
}

/** Reloads the page once the charge leaves `pending`, so the desktop shows the confirmation slip. */
export function statusWatcher(statusPath: string): string {
  return `<script>(function(){var p=${JSON.stringify(statusPath)};function t(){fetch(p,{cache:'no-store'}).then(function(r){return r.json()}).then(function(j){if(j&&j.status&&j.status!=='pending'){location.reload()}else{setTimeout(t,1000)}}).catch(function(){setTimeout(t,2000)})}setTimeout(t,1000)})();</script>`;
}
