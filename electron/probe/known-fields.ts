// Fields real Opn answers carry that the sandbox (the KakaoPay guide's example) does not: seen in the official
// SDKs' recorded fixtures (issue 20, point 4). The probe reports them as known extras; any other extra field
// is new and worth a look.
const KNOWN_EXTRA_CHARGE_FIELDS = [
  'can_perform_void', 'partially_refundable', 'authorized_at', 'multi_capture', 'approval_code',
  'acquirer_reference_number', 'merchant_advice', 'merchant_advice_code', 'linked_account',
] as const;
const KNOWN_EXTRA_SOURCE_FIELDS = ['qr_settings', 'provider_references', 'promotion_code', 'ip'] as const;

/** Whether an extra field path (`source.qr_settings`, `data[].approval_code`) is one recorded Opn answers carry. */
export function isKnownExtra(path: string): boolean {
  const parts = path.replace(/\[\]/g, '').split('.');
  const last = parts.at(-1) ?? '';
  const parent = parts.at(-2);
  if (parent === 'source') return (KNOWN_EXTRA_SOURCE_FIELDS as readonly string[]).includes(last);
  return (KNOWN_EXTRA_CHARGE_FIELDS as readonly string[]).includes(last);
}
