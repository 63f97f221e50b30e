// Limits of the webhook intake.
/** Opn webhook bodies larger than this are refused with 413. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;
/** Events are kept until acknowledged and at least this long. */
export const MIN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
