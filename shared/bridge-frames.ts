// Frames of the browser-mode bridge: the same IPC contract (shared/ipc) carried over one websocket.
// Both ends validate every frame with these schemas; payloads are then checked per channel
// (server: the app's gate) or trusted as the server's own typed output (client).
import { z } from 'zod';
import { APP_ERROR_CODES, appErrorDataSchema } from './errors';
import { ROLES } from './ipc/contract';

/** Largest frame either end accepts (a settings update or a sale list fits easily). */
export const BRIDGE_MAX_FRAME_BYTES = 256 * 1024;

/** Path of the websocket endpoint served next to the renderer pages. */
export const BRIDGE_PATH = '/bridge';

/**
 * One cashier page at a time (browser mode): a second cashier connection is closed with IN_USE unless it
 * asks to take over (`takeover=1` in the URL); the page it replaces is closed with TAKEN_OVER. Neither
 * page reconnects by itself after these.
 */
export const BRIDGE_CLOSE_IN_USE = 4409;
export const BRIDGE_CLOSE_TAKEN_OVER = 4410;
/**
 * A cashier page whose token is not this install's (an older link, after `--new-cashier-link`): the page
 * says its link is out of date instead of reconnecting forever. It never hears an event or gets an answer.
 */
export const BRIDGE_CLOSE_STALE_LINK = 4401;

/** client → server: one invoke call, answered by a `result` frame with the same id. */
export const bridgeCallSchema = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().min(1).max(64),
  input: z.unknown(),
});
export type BridgeCall = z.infer<typeof bridgeCallSchema>;

const appErrorSchema = z.strictObject({
  code: z.enum(APP_ERROR_CODES),
  message: z.string().max(2000),
  data: appErrorDataSchema.optional(),
});

/** server → client */
export const bridgeServerFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.strictObject({ ok: z.literal(true), value: z.unknown() }),
      z.strictObject({ ok: z.literal(false), error: appErrorSchema }),
    ]),
  }),
  z.strictObject({ type: z.literal('event'), event: z.string().max(64), payload: z.unknown() }),
  /** Sent once on connect: what this connection may do. */
  z.strictObject({ type: z.literal('hello'), role: z.enum(ROLES) }),
]);
export type BridgeServerFrame = z.infer<typeof bridgeServerFrameSchema>;
