// The typed Opn client the sale service uses. Every response is parsed with the shared zod schemas.
import { z } from 'zod';
import type { OpnCharge, OpnRefund } from '../../../shared';
import { opnChargeSchema, opnChargeSummarySchema, opnEventSchema, opnListSchema, opnRefundSchema } from '../../../shared';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import type { FetchLike, TransportOptions } from './http';
import { opnRequest } from './http';

export const OPN_DEFAULT_BASE_URL = 'https://api.omise.co';

export interface OpnClientOptions {
  baseUrl?: string;
  secretKey: string;
  timeoutMs?: number;
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  fetch?: FetchLike;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Checked before every request (see TransportOptions.guard). */
  guard?: (url: string) => void;
}

export interface ListParams {
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
  order?: 'chronological' | 'reverse_chronological';
}

export interface CreateChargeParams {
  amount: number;
  currency: string;
  returnUri: string;
  platformType: 'WEB' | 'IOS' | 'ANDROID';
  metadata: Record<string, string>;
  capture: boolean;
  expiresAt?: string;
  description?: string;
  idempotencyKey: string;
}

const chargeListSchema = opnListSchema(opnChargeSchema);
const chargeSummaryListSchema = opnListSchema(opnChargeSummarySchema);
const refundListSchema = opnListSchema(opnRefundSchema);
const eventListSchema = opnListSchema(opnEventSchema);
export type OpnEventList = z.infer<typeof eventListSchema>;
export type OpnChargeList = z.infer<typeof chargeListSchema>;
export type OpnChargeSummaryList = z.infer<typeof chargeSummaryListSchema>;
export type OpnRefundList = z.infer<typeof refundListSchema>;

/** Only what the terminal reads from GET /capability: which payment methods and currencies are on. */
export const opnCapabilitySchema = z.looseObject({
  object: z.literal('capability'),
  payment_methods: z.array(z.looseObject({ name: z.string(), currencies: z.array(z.string()) })).optional(),
});
export type OpnCapability = z.infer<typeof opnCapabilitySchema>;

export interface OpnClient {
  readonly baseUrl: string;
  createCharge(p: CreateChargeParams): Promise<OpnCharge>;
  retrieveCharge(id: string): Promise<OpnCharge>;
  listCharges(p?: ListParams): Promise<OpnChargeList>;
  /** GET /charges validating only what the store report reads (OpnChargeSummary). */
  listChargeSummaries(p?: ListParams): Promise<OpnChargeSummaryList>;
  expireCharge(id: string): Promise<OpnCharge>;
  captureCharge(id: string): Promise<OpnCharge>;
  reverseCharge(id: string): Promise<OpnCharge>;
  createRefund(chargeId: string, p: { amount: number; void?: boolean; metadata?: Record<string, string>; idempotencyKey?: string }): Promise<OpnRefund>;
  listRefunds(chargeId: string, p?: ListParams): Promise<OpnRefundList>;
  /** Every refund of the account created in a window (GET /refunds): refunds made later on older charges. */
  listAllRefunds(p?: ListParams): Promise<OpnRefundList>;
  /** Events are serialised in the account's API version (the probe reads it from them). */
  listEvents(p?: ListParams): Promise<OpnEventList>;
  capability(): Promise<OpnCapability>;
}

// Object ids go into URL paths: allow only the characters Opn ids use.
function id(value: string): string {
  if (!/^[A-Za-z0-9_]{1,100}$/.test(value)) throw new TypeError('Not an Opn object id.');
  return value;
}

export function createOpnClient(options: OpnClientOptions): OpnClient {
  if (!options.secretKey) throw new TypeError('An Opn secret key is required.');
  const t: TransportOptions = {
    baseUrl: options.baseUrl ?? OPN_DEFAULT_BASE_URL,
    secretKey: options.secretKey,
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 3,
    backoffBaseMs: options.backoffBaseMs ?? 250,
    backoffMaxMs: options.backoffMaxMs ?? 5_000,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    logger: options.logger ?? silentLogger(),
    sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    random: options.random ?? Math.random,
    ...(options.guard ? { guard: options.guard } : {}),
  };
  const list = (p: ListParams = {}) => ({ from: p.from, to: p.to, offset: p.offset, limit: p.limit, order: p.order });
  return {
    baseUrl: t.baseUrl,
    createCharge: (p) => {
      const body: Record<string, unknown> = {
        amount: p.amount,
        currency: p.currency,
        return_uri: p.returnUri,
        source: { type: 'kakaopay', platform_type: p.platformType },
        metadata: p.metadata,
        capture: p.capture,
      };
      if (p.expiresAt) body.expires_at = p.expiresAt;
      if (p.description) body.description = p.description;
      return opnRequest(t, { method: 'POST', path: '/charges', body, idempotencyKey: p.idempotencyKey, schema: opnChargeSchema });
    },
    retrieveCharge: (cid) => opnRequest(t, { method: 'GET', path: `/charges/${id(cid)}`, schema: opnChargeSchema }),
    listCharges: (p) => opnRequest(t, { method: 'GET', path: '/charges', query: list(p), schema: chargeListSchema }),
    listChargeSummaries: (p) => opnRequest(t, { method: 'GET', path: '/charges', query: list(p), schema: chargeSummaryListSchema }),
    expireCharge: (cid) => opnRequest(t, { method: 'POST', path: `/charges/${id(cid)}/expire`, schema: opnChargeSchema }),
    captureCharge: (cid) => opnRequest(t, { method: 'POST', path: `/charges/${id(cid)}/capture`, schema: opnChargeSchema }),
    reverseCharge: (cid) => opnRequest(t, { method: 'POST', path: `/charges/${id(cid)}/reverse`, schema: opnChargeSchema }),
    createRefund: (cid, p) => {
      const body: Record<string, unknown> = { amount: p.amount };
      if (p.void !== undefined) body.void = p.void;
      if (p.metadata) body.metadata = p.metadata;
      return opnRequest(t, { method: 'POST', path: `/charges/${id(cid)}/refunds`, body, idempotencyKey: p.idempotencyKey, schema: opnRefundSchema });
    },
    listRefunds: (cid, p) => opnRequest(t, { method: 'GET', path: `/charges/${id(cid)}/refunds`, query: list(p), schema: refundListSchema }),
    listAllRefunds: (p) => opnRequest(t, { method: 'GET', path: '/refunds', query: list(p), schema: refundListSchema }),
    listEvents: (p) => opnRequest(t, { method: 'GET', path: '/events', query: list(p), schema: eventListSchema }),
    capability: () => opnRequest(t, { method: 'GET', path: '/capability', schema: opnCapabilitySchema }),
  };
}
