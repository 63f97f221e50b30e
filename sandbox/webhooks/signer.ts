// Webhook signatures (reference §5): hex HMAC-SHA256 of `<timestamp>.<raw body>` keyed with the
// base64-decoded webhook secret. During a secret rotation both signatures are sent, comma-separated.
import { createHmac, randomBytes } from 'node:crypto';

export function signWebhook(secretBase64: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(`${timestamp}.${rawBody}`).digest('hex');
}

export function signatureHeaders(
  rawBody: string,
  secret: string,
  previousSecret: string | undefined,
  nowMs: number,
): { 'Omise-Signature': string; 'Omise-Signature-Timestamp': string } {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signatures = [signWebhook(secret, timestamp, rawBody)];
  if (previousSecret) signatures.push(signWebhook(previousSecret, timestamp, rawBody));
  return { 'Omise-Signature': signatures.join(','), 'Omise-Signature-Timestamp': timestamp };
}

export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64');
}
