// Limits of the webhook intake and the HTTP server (defaults; most are configurable, see config.ts).
/** Opn webhook bodies larger than this are refused with 413. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;
/** Events are kept until acknowledged and at least this long. */
export const MIN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Dead letters older than this are deleted (acknowledged or not: nobody claims them). */
export const DEAD_LETTER_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many dead letters are kept; the oldest go first. */
export const DEAD_LETTER_MAX = 10_000;
/** Time to receive a request's headers, and the whole request: a trickling body is cut after this. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;
/** Sockets the server holds at once (terminals included). */
export const MAX_CONNECTIONS = 10_000;
/**
 * Per client address: webhook requests being received or stored, websocket upgrades being
 * authenticated, HTTP sockets held, idle keep-alive sockets. Behind a reverse proxy listed in
 * FORWARDER_TRUST_PROXY the client is the one the proxy reports (forwarder/client-address.ts).
 * One client never holds more than a quarter of a pool (forwarder/per-ip.ts), whatever these say.
 */
export const MAX_PENDING_WEBHOOKS_PER_IP = 64;
export const MAX_PENDING_UPGRADES_PER_IP = 128;
export const MAX_CONNECTIONS_PER_IP = 256;
export const MAX_IDLE_PER_IP = 64;
/** Webhook requests in progress from everyone: the pool the per-client share is taken from. */
export const MAX_PENDING_WEBHOOKS = 1024;
/** Appends arriving within this window share one durable commit (group commit). */
export const GROUP_COMMIT_WINDOW_MS = 2;
/**
 * Terminals' acks are written together this often (both stores), without a durable commit of their own:
 * an ack lost in a crash only means the event is offered again and the terminal skips it by its cursor.
 * Was 20 ms: at 3,000 webhooks/s that was 50 writes a second rewriting the same counters.
 */
export const ACK_FLUSH_MS = 100;
/**
 * Terminals checked against the store in one read (token still valid, head not missed), the rest after the
 * event loop has had a turn. Terminals that connected within a second come due in the same heartbeat tick:
 * one SQLite read for 750 of them held the loop 2–4 ms, and a webhook arriving then waited behind it.
 */
export const CHECK_IN_SLICE = 50;
/** The terminal of each charge is remembered this long, to route refunds made in Opn's dashboard. */
export const CHARGE_ROUTE_RETENTION_MS = 180 * 24 * 60 * 60 * 1000;
/**
 * A correctly signed webhook older than the signature tolerance is still accepted up to this age when its
 * event id was never stored: Opn's retries may keep their first attempt's timestamp (undocumented). Must stay
 * below the event ids' memory (kept past pruning) so an old replay is always recognised as a duplicate.
 */
export const MAX_WEBHOOK_AGE_SEC = 3 * 24 * 3600;
