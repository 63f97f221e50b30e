// Sandbox options, validated at the boundary (CLI flags and env go through the same schema).
import { z } from 'zod';
import { API_VERSIONS } from './shape';

export const DEFAULT_PUBLIC_KEY = 'pkey_test_5xsandboxpublickey00000';
export const DEFAULT_SECRET_KEY = 'skey_test_5xsandboxsecretkey00000';
export const DEFAULT_RETRY_SCHEDULE_MS = [0, 1000, 5000, 30000] as const;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64').refine((s) => Buffer.from(s, 'base64').length >= 16, 'must decode to at least 16 bytes');

export const sandboxOptionsSchema = z.strictObject({
  host: z.string().min(1).max(255).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  country: z.enum(['SG', 'TH']).optional(),
  publicKey: z.string().regex(/^pkey_(test_)?[0-9a-z]+$/, 'must look like pkey_test_…').optional(),
  secretKey: z.string().regex(/^skey_(test_)?[0-9a-z]+$/, 'must look like skey_test_…').optional(),
  webhookSecret: base64.optional(),
  previousWebhookSecret: base64.optional(),
  webhookEndpoints: z.array(z.url({ protocol: /^https?$/ })).max(20).optional(),
  idempotency: z.boolean().optional(),
  allowInsecureReturnUri: z.boolean().optional(),
  feeRatePercent: z.number().min(0).max(100).optional(),
  vatRatePercent: z.number().min(0).max(100).optional(),
  publicBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  startTime: z.date().optional(),
  frozenClock: z.boolean().optional(),
  webhookRetryScheduleMs: z.array(z.number().int().min(0)).min(1).max(50).optional(),
  quiet: z.boolean().optional(),
  // Additions beyond the agreed interface:
  /** Shown on the authorize page. */
  merchantName: z.string().min(1).max(80).optional(),
  /** Default lifetime of a pending charge when the request has no expires_at. Default 7 days (guide example). */
  chargeTtlMs: z.number().int().min(1000).optional(),
  /** Daily void cut-off (guide: 00:15 GMT+8); null: refunds are never voids. */
  voidCutoff: z.object({ hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59), utcOffsetMinutes: z.number().int().min(-720).max(840) }).nullable().optional(),
  /** How long the `reorder` webhook fault holds a lone delivery before sending it anyway. Default 1 s. */
  webhookReorderHoldMs: z.number().int().min(0).max(86_400_000).optional(),
  /** Per-attempt webhook timeout. Default 10 s. */
  webhookTimeoutMs: z.number().int().min(1).max(120_000).optional(),
  /** The account's API version: events (webhooks, Events API) are serialised in it. Default 2019-05-29. */
  apiVersion: z.enum(API_VERSIONS).optional(),
  /** Ignore a charge's requested expires_at and answer created + chargeTtlMs (7 days), as the guide's example. */
  ignoreExpiresAt: z.boolean().optional(),
  /** Dotted paths removed from every charge answered (e.g. 'transaction_fees', 'source.absorption_type'). */
  omitFields: z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'must be a dotted field path')).max(50).optional(),
  /** Webhook retries keep the first attempt's signature timestamp instead of being re-signed now. */
  retryKeepsFirstTimestamp: z.boolean().optional(),
  /** Accept capture=false for KakaoPay (default: refused, as Opn documents capture for cards only). */
  allowManualCapture: z.boolean().optional(),
  /** Where request log lines go when not quiet (default stderr). Lines never contain keys or bodies. */
  log: z.custom<(line: string) => void>((v) => typeof v === 'function').optional(),
});
