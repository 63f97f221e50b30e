// Messages on the websocket between the forwarder and a terminal (path /terminals).
// The terminal authenticates in the upgrade request (headers `X-Terminal-Id` and
// `Authorization: Bearer <token>`), then says `hello` with its last committed sequence number.
import { z } from 'zod';

/** Largest websocket frame either side accepts; an Opn webhook body is at most 256 KB. */
export const RELAY_MAX_FRAME_BYTES = 512 * 1024;
/** Heartbeat period; a link silent for three periods is dead (detected within 15 s). */
export const RELAY_HEARTBEAT_MS = 5_000;
export const RELAY_DEAD_AFTER_MS = 15_000;

export const terminalIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'terminal id: 1-64 of A-Z a-z 0-9 _ . -');

const seq = z.number().int().nonnegative();

/** terminal → forwarder */
export const terminalMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), lastSeq: seq, client: z.string().max(100).optional() }),
  z.strictObject({ type: z.literal('ack'), seq }),
  z.strictObject({ type: z.literal('ping'), t: z.number() }),
  z.strictObject({ type: z.literal('pong'), t: z.number() }),
]);
export type TerminalMessage = z.infer<typeof terminalMessageSchema>;

export const signatureVerdictSchema = z.enum(['verified', 'unsigned', 'failed']);
export type SignatureVerdict = z.infer<typeof signatureVerdictSchema>;

/** One Opn event as stored by the forwarder: the raw body travels untouched. */
export const relayEventSchema = z.strictObject({
  type: z.literal('event'),
  seq: z.number().int().positive(),
  eventId: z.string().min(1).max(200),
  eventKey: z.string().min(1).max(200),
  receivedAt: z.string(),
  signature: signatureVerdictSchema,
  rawBody: z.string().max(256 * 1024),
  /**
   * Highest sequence the forwarder has stored for this terminal when it sent this event (>= seq).
   * Optional so older peers still parse; the terminal derives its unacknowledged backlog from it.
   */
  headSeq: seq.optional(),
});
export type RelayEvent = z.infer<typeof relayEventSchema>;

/** forwarder → terminal */
export const forwarderMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('welcome'),
    terminalId: z.string(),
    /** The forwarder replays everything after this sequence number. */
    resumeAfter: seq,
    /** Present when this connection replaced an older one of the same terminal. */
    replacedPrevious: z.boolean(),
    /** Highest sequence stored for this terminal (after any renumbering); optional for older forwarders. */
    headSeq: seq.optional(),
  }),
  relayEventSchema,
  z.strictObject({ type: z.literal('ping'), t: z.number() }),
  z.strictObject({ type: z.literal('pong'), t: z.number() }),
  z.strictObject({
    type: z.literal('closing'),
    code: z.enum(['replaced', 'revoked', 'shutdown', 'protocol_error']),
    message: z.string(),
  }),
]);
export type ForwarderMessage = z.infer<typeof forwarderMessageSchema>;
