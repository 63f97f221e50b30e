// Calendar arithmetic the core needs: the KakaoPay void window. (Business days: shared/time.)

const GMT8_MS = 8 * 3600_000;

/**
 * The guide: "KakaoPay payment charges can be voided within the next 00:15 (GMT+8) after the charge was
 * created". So the window closes at the first 00:15 GMT+8 strictly after the charge's creation.
 */
export function voidDeadline(chargeCreatedAt: Date): Date {
  const local = new Date(chargeCreatedAt.getTime() + GMT8_MS);
  let candidate = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 0, 15) - GMT8_MS;
  if (candidate <= chargeCreatedAt.getTime()) candidate += 24 * 3600_000;
  return new Date(candidate);
}
