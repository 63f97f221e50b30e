// The OpenAPI 3.1 document of the POS link, GENERATED from the zod schemas in api.ts (never written by
// hand): the server serves it at GET /v1/openapi.json, the contract tests validate every answer with it.
import { z } from 'zod';
import {
  POS_API_ERRORS,
  posCheckoutCreateSchema,
  posCheckoutListSchema,
  posCheckoutSchema,
  posErrorSchema,
  posEventSchema,
  posPairRequestSchema,
  posPairResponseSchema,
  posRefundCreateSchema,
  posRefundSchema,
  posTerminalSchema,
  posWebhookSchema,
  posWebhookSetSchema,
  type PosApiErrorCode,
} from './api';

export type PosOperationId = 'pair' | 'createCheckout' | 'getCheckout' | 'listCheckouts' | 'cancelCheckout' | 'createRefund' | 'getRefund' | 'events' | 'terminal' | 'setWebhook' | 'openapi';

export interface PosOperation {
  readonly id: PosOperationId;
  readonly method: 'get' | 'post' | 'put';
  /** OpenAPI path template, e.g. /v1/checkouts/{id}. */
  readonly path: string;
  readonly summary: string;
  /** null: no key needed (pairing, the document itself). */
  readonly scope: 'payments' | 'refunds' | null;
  readonly body?: z.ZodType;
  readonly query?: Readonly<Record<string, { schema: z.ZodType; required: boolean; description: string }>>;
  /** Success answers: status → schema (application/json), or 'sse' for the event stream. */
  readonly ok: Readonly<Record<number, z.ZodType | 'sse' | 'document'>>;
  /** Error codes this operation may answer besides the ones every operation may. */
  readonly errors: readonly PosApiErrorCode[];
}

const id = { id: { schema: z.string(), required: true, description: 'The object id' } };

export const POS_OPERATIONS: readonly PosOperation[] = [
  { id: 'pair', method: 'post', path: '/v1/pair', summary: 'Exchange a one-time pairing code (Settings → POS link) for an API key', scope: null, body: posPairRequestSchema, ok: { 201: posPairResponseSchema }, errors: ['pairing_code_invalid'] },
  {
    id: 'createCheckout',
    method: 'post',
    path: '/v1/checkouts',
    summary: 'Ask the terminal to take a payment (201 created, 200 the same idempotent request again)',
    scope: 'payments',
    body: posCheckoutCreateSchema,
    ok: { 200: posCheckoutSchema, 201: posCheckoutSchema },
    errors: ['terminal_busy', 'idempotency_mismatch', 'invalid_amount', 'invalid_currency', 'deadline_too_long', 'not_configured', 'terminal_unavailable'],
  },
  { id: 'listCheckouts', method: 'get', path: '/v1/checkouts', summary: "Find this till's checkouts by its reference (newest first)", scope: 'payments', query: { reference_id: { schema: z.string(), required: true, description: "The till's reference_id" } }, ok: { 200: posCheckoutListSchema }, errors: [] },
  { id: 'getCheckout', method: 'get', path: '/v1/checkouts/{id}', summary: 'Read a checkout', scope: 'payments', query: id, ok: { 200: posCheckoutSchema }, errors: ['not_found'] },
  { id: 'cancelCheckout', method: 'post', path: '/v1/checkouts/{id}/cancel', summary: 'Cancel an open checkout (its charge is expired at Opn, as the cashier cancels)', scope: 'payments', query: id, ok: { 200: posCheckoutSchema }, errors: ['not_found', 'invalid_state', 'terminal_unavailable'] },
  { id: 'createRefund', method: 'post', path: '/v1/refunds', summary: 'Refund a completed checkout, fully or partly (Opn voids where it can)', scope: 'refunds', body: posRefundCreateSchema, ok: { 200: posRefundSchema, 201: posRefundSchema }, errors: ['not_found', 'invalid_state', 'refund_exceeds', 'idempotency_mismatch', 'terminal_unavailable'] },
  { id: 'getRefund', method: 'get', path: '/v1/refunds/{id}', summary: 'Read a refund', scope: 'refunds', query: id, ok: { 200: posRefundSchema }, errors: ['not_found'] },
  { id: 'events', method: 'get', path: '/v1/events', summary: 'Server-sent events (checkout.updated, refund.updated, terminal.updated); resume with Last-Event-ID', scope: 'payments', ok: { 200: 'sse' }, errors: [] },
  { id: 'terminal', method: 'get', path: '/v1/terminal', summary: "The terminal's state, mode, currency and the longest deadline", scope: 'payments', ok: { 200: posTerminalSchema }, errors: [] },
  {
    id: 'setWebhook',
    method: 'put',
    path: '/v1/webhook',
    summary: "Set (or clear with null) the URL the terminal POSTs this till's events to, signed X-Pos-Signature: v1=HMAC-SHA256(secret, timestamp + '.' + body); a new secret each time",
    scope: 'payments',
    body: posWebhookSetSchema,
    ok: { 200: posWebhookSchema },
    errors: [],
  },
  { id: 'openapi', method: 'get', path: '/v1/openapi.json', summary: 'This document', scope: null, ok: { 200: 'document' }, errors: [] },
];

/** Errors any operation may answer (bad body, limits, the key). */
const COMMON_ERRORS: readonly PosApiErrorCode[] = ['invalid_request', 'invalid_json', 'unauthorized', 'forbidden_scope', 'forbidden', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'internal'];

const json = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function errorsOf(op: PosOperation): Record<string, unknown> {
  const byStatus = new Map<number, PosApiErrorCode[]>();
  const codes = op.scope === null ? COMMON_ERRORS.filter((c) => c !== 'unauthorized' && c !== 'forbidden_scope') : COMMON_ERRORS;
  for (const code of [...codes, ...op.errors]) byStatus.set(POS_API_ERRORS[code], [...(byStatus.get(POS_API_ERRORS[code]) ?? []), code]);
  const out: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = { description: list.join(', '), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return out;
}

/** Builds the document (cheap; the server builds it once). `servers` are the URLs the terminal listens on. */
export function posOpenApiDocument(servers: readonly string[] = []): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of POS_OPERATIONS) {
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(op.ok)) {
      if (schema === 'sse') responses[status] = { description: 'text/event-stream: `id:` the event id, `event:` its type, `data:` the Event as JSON; `: heartbeat` comments', content: { 'text/event-stream': { schema: { type: 'string' } } } };
      else if (schema === 'document') responses[status] = { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } };
      else responses[status] = { description: 'OK', content: { 'application/json': { schema: json(schema, 'output') } } };
    }
    Object.assign(responses, errorsOf(op));
    const parameters: unknown[] = [];
    for (const [name, p] of Object.entries(op.query ?? {})) parameters.push({ name, in: op.path.includes(`{${name}}`) ? 'path' : 'query', required: p.required, description: p.description, schema: json(p.schema, 'input') });
    if (op.id === 'events') parameters.push({ name: 'Last-Event-ID', in: 'header', required: false, description: 'Resume after this event id', schema: { type: 'string' } });
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        operationId: op.id,
        summary: op.summary,
        ...(op.scope ? { security: [{ apiKey: [] }], 'x-scope': op.scope } : { security: [] }),
        ...(parameters.length ? { parameters } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(op.body, 'input') } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'KakaoPay Counter POS link', version: '1.0.0', description: "A till on the same PC or shop network asks the terminal to take a KakaoPay payment and learns how it ended. Errors are `{ error: { code, message } }`; see docs/pos-link.md." },
    servers: servers.map((url) => ({ url })),
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'The api_key from POST /v1/pair' } },
      schemas: { Error: json(posErrorSchema, 'output'), Event: json(posEventSchema, 'output') },
    },
    paths,
  };
}
