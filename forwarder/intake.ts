// POST <webhookPath>: raw body (bounded) → signature over the raw bytes → parse → route by
// data.metadata.terminal_id → durable append → 2xx. Anything short of a durable append is not 2xx,
// so Opn retries it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { opnEventSchema } from '../shared';
import { terminalIdSchema } from '../shared';
import type { SignatureVerdict } from '../shared';
import { MAX_WEBHOOK_BODY_BYTES } from './limits';
import type { DeadLetterJanitor } from './dead-letters';
import type { Metrics } from './metrics';
import { verifyOpnSignature } from './signature';
import type { EventStore } from './store/types';
import type { ChargeRoutes } from './store/charge-routes';
import type { Logger } from './log';

const metadataSchema = z.looseObject({ terminal_id: z.unknown().optional() });

export interface IntakeDeps {
  store: EventStore;
  /** charge id → terminal, from routed charge.* events: routes refunds made in Opn's dashboard */
  chargeRoutes: ChargeRoutes;
  metrics: Metrics;
  log: Logger;
  secrets: readonly string[];
  toleranceSec: number;
  /** oldest correctly signed webhook accepted when its event id was never stored (Opn retries) */
  maxAgeSec: number;
  now: () => number;
  janitor: DeadLetterJanitor;
  /** webhooks received and not yet handed to the store: group commit waits for them (window-bounded) */
  onTheWay: { n: number };
}

class BodyTooLarge extends Error {}
/** The client went away (or the server's requestTimeout cut it) before the body was complete. */
class BodyAborted extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', () => reject(new BodyAborted()));
    req.on('close', () => {
      if (!req.complete) reject(new BodyAborted());
    });
  });
}

function reply(res: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(close ? { connection: 'close' } : {}) });
  res.end(text);
}

function terminalOf(data: { metadata?: unknown; charge?: unknown }): unknown {
  const direct = metadataSchema.safeParse(data.metadata);
  if (direct.success && direct.data.terminal_id !== undefined) return direct.data.terminal_id;
  const charge = z.looseObject({ metadata: metadataSchema }).safeParse(data.charge);
  return charge.success ? charge.data.metadata.terminal_id : undefined;
}

const idSchema = z.string().regex(/^[A-Za-z0-9_]{1,100}$/);

/** The charge a refund event names by id (recorded events never expand it), else null. */
function refundChargeId(data: { object?: string; charge?: unknown }): string | null {
  if (data.object !== 'refund') return null;
  const id = idSchema.safeParse(data.charge);
  return id.success ? id.data : null;
}

/** The id of the charge a charge.* event is about, else null. */
function chargeIdOf(data: { object?: string; id?: string }): string | null {
  if (data.object !== 'charge') return null;
  const id = idSchema.safeParse(data.id);
  return id.success ? id.data : null;
}

function warnUnsigned(deps: IntakeDeps, eventId: string, terminalId: string | null): void {
  deps.metrics.unsignedAccepted++;
  deps.log.warn({ eventId, terminal: terminalId }, 'UNSIGNED webhook accepted (--allow-unsigned): its origin was not verified');
}

export async function handleWebhook(req: IncomingMessage, res: ServerResponse, deps: IntakeDeps): Promise<void> {
  deps.onTheWay.n++;
  let counted = true;
  const arrived = (): void => {
    if (counted) deps.onTheWay.n--;
    counted = false;
  };
  try {
    await intake(req, res, deps, arrived);
  } finally {
    arrived();
  }
}

async function intake(req: IncomingMessage, res: ServerResponse, deps: IntakeDeps, arrived: () => void): Promise<void> {
  const { metrics, store, log } = deps;
  metrics.received++;
  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      metrics.reject('too_large');
      reply(res, 413, { error: { code: 'body_too_large', message: `webhook body over ${MAX_WEBHOOK_BODY_BYTES} bytes` } }, true);
      return;
    }
    if (err instanceof BodyAborted) {
      metrics.reject('aborted');
      res.destroy();
      return;
    }
    throw err;
  }

  let verdict: SignatureVerdict = 'unsigned';
  let late = false;
  if (deps.secrets.length > 0) {
    const check = verifyOpnSignature({
      secrets: deps.secrets,
      rawBody: raw,
      signatureHeader: req.headers['omise-signature'] as string | undefined,
      timestampHeader: req.headers['omise-signature-timestamp'] as string | undefined,
      nowSec: Math.floor(deps.now() / 1000),
      toleranceSec: deps.toleranceSec,
      maxAgeSec: deps.maxAgeSec,
    });
    if (!check.ok) {
      metrics.reject(check.code);
      log.warn({ code: check.code }, 'webhook signature refused');
      reply(res, 401, { error: { code: check.code, message: 'webhook signature did not verify' } });
      return;
    }
    verdict = 'verified';
    metrics.verified++;
    late = check.late;
  } else {
    metrics.unsigned++;
  }

  const rawBody = raw.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    metrics.reject('malformed_json');
    reply(res, 400, { error: { code: 'malformed_json', message: 'webhook body is not JSON' } });
    return;
  }
  const parsed = opnEventSchema.safeParse(json);
  if (!parsed.success) {
    metrics.reject('invalid_event');
    reply(res, 400, { error: { code: 'invalid_event', message: 'webhook body is not an Opn event (id, key, data)' } });
    return;
  }
  const event = parsed.data;
  const receivedAt = new Date(deps.now()).toISOString();
  let hint = terminalOf(event.data);

  try {
    // A refund made at Opn (dashboard, API) has no terminal metadata: route it to the charge's terminal.
    const refundOf = hint === undefined ? refundChargeId(event.data) : null;
    if (refundOf) {
      hint = (await deps.chargeRoutes.terminalOf(refundOf)) ?? undefined;
      if (hint !== undefined) metrics.routedByCharge++;
    }
    const terminal = terminalIdSchema.safeParse(hint);
    if (terminal.success && (await store.isKnownTerminal(terminal.data))) {
      // The charge's terminal is remembered in the event's own durable commit (before the 2xx), so a
      // later refund of this charge always finds its terminal.
      const chargeId = chargeIdOf(event.data);
      const chargeRoute = chargeId ? { chargeId, atMs: deps.now() } : undefined;
      arrived();
      const result = await store.append({ terminalId: terminal.data, eventId: event.id, eventKey: event.key, receivedAt, signature: verdict, rawBody, ...(chargeRoute ? { chargeRoute } : {}) });
      if (result.duplicate) metrics.duplicates++;
      else metrics.stored++;
      // A retry signed long ago (its first attempt's timestamp): stored only because its id was new.
      if (late && !result.duplicate) {
        metrics.lateAccepted++;
        log.info({ eventId: event.id }, 'late webhook accepted: older than the signature tolerance, event id never stored');
      }
      if (verdict === 'unsigned' && !result.duplicate) warnUnsigned(deps, event.id, terminal.data);
      reply(res, 200, { ok: true, terminalId: result.terminalId, seq: result.seq, duplicate: result.duplicate });
      return;
    }
    const reason = terminal.success ? 'unknown_terminal' : 'no_terminal';
    const dead = await store.addDeadLetter({
      eventId: event.id, eventKey: event.key, receivedAt, signature: verdict, reason,
      terminalHint: typeof hint === 'string' ? hint.slice(0, 64) : null, rawBody,
    });
    if (!dead.duplicate) {
      if (late) metrics.lateAccepted++;
      metrics.deadLettered++;
      deps.janitor.added();
      if (verdict === 'unsigned') warnUnsigned(deps, event.id, null);
    }
    log.warn({ eventId: event.id, reason, deadLetter: dead.id }, 'event dead-lettered');
    reply(res, 202, { ok: true, deadLetter: dead.id, reason, duplicate: dead.duplicate });
  } catch (err) {
    // Not durable: make Opn retry.
    metrics.reject('store_unavailable');
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'event store append failed');
    reply(res, 503, { error: { code: 'store_unavailable', message: 'event could not be stored; retry later' } });
  }
}
