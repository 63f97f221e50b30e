// Why a sale needs attention. The receipt log stores these English sentences (older rows too), so they
// are defined here once: the core writes them, the cashier window recognises them and shows its own words.

export const ATTENTION_PAID_AFTER_CLOSE =
  'The customer paid after this sale was closed on the terminal. Refund the payment, or accept it as a sale.';
export const ATTENTION_EXPIRE_REFUSED = 'Opn refused to expire the charge. Check this sale with Opn before the customer leaves.';
export const ATTENTION_SECOND_CHARGE = 'A second charge appeared for this sale and was paid. Refund it.';
export const attentionSecondRefunded = (chargeId: string): string => `Second charge ${chargeId} refunded.`;
export const attentionOpnStatus = (status: string): string => `Opn reports this charge as ${status}; check it with Opn.`;
export const attentionAccepted = (reason: string | null): string => `Accepted: ${reason ?? ''}`.slice(0, 500);

export type Attention =
  | { readonly kind: 'paid_after_close' | 'expire_refused' | 'second_charge' | 'unknown' }
  | { readonly kind: 'second_refunded'; readonly chargeId: string }
  | { readonly kind: 'opn_status'; readonly status: string }
  | { readonly kind: 'accepted'; readonly before: Attention };

/** The stored sentence back to what it says (an unknown sentence is 'unknown', worded generically). */
export function parseAttention(reason: string): Attention {
  if (reason.startsWith('Accepted: ')) return { kind: 'accepted', before: parseAttention(reason.slice('Accepted: '.length)) };
  if (reason.startsWith(ATTENTION_PAID_AFTER_CLOSE)) return { kind: 'paid_after_close' };
  if (reason.startsWith(ATTENTION_EXPIRE_REFUSED)) return { kind: 'expire_refused' };
  if (reason.startsWith(ATTENTION_SECOND_CHARGE)) return { kind: 'second_charge' };
  const second = /^Second charge (\S+) refunded\.$/.exec(reason);
  if (second?.[1]) return { kind: 'second_refunded', chargeId: second[1] };
  const opn = /^Opn reports this charge as (\w+); check it with Opn\.$/.exec(reason);
  if (opn?.[1]) return { kind: 'opn_status', status: opn[1] };
  return { kind: 'unknown' };
}
