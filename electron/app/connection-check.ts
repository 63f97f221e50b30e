// "Test connection" in Settings: calls Opn and the forwarder with the values it is given (the form on
// screen, with saved secrets only for their own saved destination) and says, in plain words, which one
// failed and why. Never puts a key or token in a message.
import WebSocket from 'ws';
import type { CheckResult, ConnectionCheck, NetReason } from '../../shared';

export interface ConnectionCheckInput {
  opnApiBase: string;
  opnSecretKey: string;
  /** When given, checked against the secret key's mode and for KakaoPay in the account's capability. */
  opnPublicKey?: string;
  forwarderUrl: string;
  forwarderToken: string;
  terminalId: string;
  /** When the live relay link is already up with these settings, a second socket would replace it. */
  relayConnected: boolean;
  timeoutMs?: number;
}

type Check = CheckResult;

export async function checkConnections(input: ConnectionCheckInput): Promise<ConnectionCheck> {
  const [opn, forwarder] = await Promise.all([checkOpn(input), checkForwarder(input)]);
  return { opn, forwarder };
}

async function checkOpn(input: ConnectionCheckInput): Promise<Check> {
  if (!input.opnSecretKey) return { ok: false, code: 'opn_no_secret', message: 'No Opn secret key is set.' };
  const auth = `Basic ${Buffer.from(`${input.opnSecretKey}:`).toString('base64')}`;
  const url = `${input.opnApiBase.replace(/\/+$/, '')}/charges?limit=1`;
  try {
    const res = await fetch(url, { headers: { authorization: auth, accept: 'application/json' }, signal: AbortSignal.timeout(input.timeoutMs ?? 8_000) });
    if (res.status === 401) return { ok: false, code: 'opn_secret_refused', message: 'Opn refused the secret key (401). Check the key and test/live mode.' };
    if (!res.ok) return { ok: false, code: 'opn_http', httpStatus: res.status, message: `Opn answered HTTP ${res.status}.` };
    const body = (await res.json().catch(() => null)) as { object?: unknown } | null;
    if (body?.object !== 'list') return { ok: false, code: 'opn_not_opn', message: 'The Opn API address did not answer like Opn.' };
    const testMode = input.opnSecretKey.startsWith('skey_test_');
    if (input.opnPublicKey !== undefined) {
      const problem = await checkPublicKey(input, testMode);
      if (problem) return problem;
      return { ok: true, code: 'opn_ok_both', mode: testMode ? 'test' : 'live', message: `Opn accepted both keys (${testMode ? 'test' : 'live'} mode) and the account takes KakaoPay.` };
    }
    return { ok: true, code: 'opn_ok_secret', mode: testMode ? 'test' : 'live', message: `Opn accepted the secret key (${testMode ? 'test' : 'live'} mode).` };
  } catch (error) {
    const net = networkReason(error);
    return { ok: false, code: 'opn_unreachable', host: safeOrigin(input.opnApiBase), net, message: `Opn could not be reached at ${safeOrigin(input.opnApiBase)} (${netEnglish(net)}).` };
  }
}

// The public key must be of the same mode as the secret key, and the account must offer KakaoPay.
async function checkPublicKey(input: ConnectionCheckInput, testMode: boolean): Promise<Check | null> {
  const key = input.opnPublicKey ?? '';
  const mode = testMode ? 'test' : 'live';
  if (key.startsWith('pkey_test_') !== testMode) return { ok: false, code: 'opn_public_mode', mode, message: `The public key is a ${testMode ? 'live' : 'test'} key but the secret key is a ${mode} key.` };
  const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const res = await fetch(`${input.opnApiBase.replace(/\/+$/, '')}/capability`, { headers: { authorization: auth, accept: 'application/json' }, signal: AbortSignal.timeout(input.timeoutMs ?? 8_000) });
  if (res.status === 401) return { ok: false, code: 'opn_public_refused', message: 'Opn refused the public key (401). Check the key and test/live mode.' };
  if (!res.ok) return { ok: false, code: 'opn_capability_http', httpStatus: res.status, message: `Opn answered HTTP ${res.status} for the account's capability.` };
  const body = (await res.json().catch(() => null)) as { payment_methods?: { name?: unknown }[] } | null;
  const kakao = (body?.payment_methods ?? []).some((m) => m?.name === 'kakaopay');
  return kakao ? null : { ok: false, code: 'opn_no_kakaopay', message: 'This Opn account does not offer KakaoPay yet. Ask Opn to enable it.' };
}

async function checkForwarder(input: ConnectionCheckInput): Promise<Check> {
  if (!input.forwarderUrl) return { ok: false, code: 'fwd_no_url', message: 'No forwarder URL is set; sales are confirmed by polling Opn.' };
  if (!input.forwarderToken) return { ok: false, code: 'fwd_no_token', message: 'No forwarder token is set.' };
  let ws: URL;
  try {
    ws = new URL(input.forwarderUrl);
  } catch {
    return { ok: false, code: 'fwd_bad_url', message: 'The forwarder URL is not a valid ws:// or wss:// address.' };
  }
  const health = new URL('/healthz', `${ws.protocol === 'wss:' ? 'https:' : 'http:'}//${ws.host}`);
  try {
    const res = await fetch(health, { signal: AbortSignal.timeout(input.timeoutMs ?? 8_000) });
    if (!res.ok) return { ok: false, code: 'fwd_health_http', httpStatus: res.status, message: `The forwarder's health check answered HTTP ${res.status}.` };
  } catch (error) {
    const net = networkReason(error);
    return { ok: false, code: 'fwd_unreachable', host: ws.host, net, message: `The forwarder could not be reached at ${ws.host} (${netEnglish(net)}).` };
  }
  if (input.relayConnected) return { ok: true, code: 'fwd_connected', message: 'The forwarder is up and this terminal is connected to it.' };
  return wsAuthCheck(input, ws);
}

// Opens the terminal socket with the saved token and closes it as soon as the forwarder accepts it.
function wsAuthCheck(input: ConnectionCheckInput, url: URL): Promise<Check> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, {
      headers: { 'x-terminal-id': input.terminalId, authorization: `Bearer ${input.forwarderToken}` },
      handshakeTimeout: input.timeoutMs ?? 8_000,
    });
    const done = (check: Check): void => {
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      resolve(check);
    };
    socket.on('open', () => done({ ok: true, code: 'fwd_token_ok', message: 'The forwarder accepted this terminal\'s token.' }));
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      done(
        status === 401 || status === 403
          ? { ok: false, code: 'fwd_token_refused', terminal: input.terminalId, httpStatus: status, message: `The forwarder refused the token for terminal "${input.terminalId}" (${status}).` }
          : { ok: false, code: 'fwd_refused_http', httpStatus: status, message: `The forwarder refused the connection (HTTP ${status}).` },
      );
    });
    socket.on('error', (error) => {
      const net = networkReason(error);
      done({ ok: false, code: 'fwd_ws_failed', net, message: `The forwarder's websocket failed (${netEnglish(net)}).` });
    });
  });
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured address';
  }
}

function networkReason(error: unknown): NetReason {
  const e = error as { name?: string; code?: string; cause?: { code?: string; errors?: { code?: string }[] } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  // fetch wraps the socket error in `cause` (an AggregateError when several addresses were tried).
  const code = e?.cause?.code ?? e?.cause?.errors?.[0]?.code ?? e?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown_host';
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  return 'network';
}

/** The log's words for a network cause (the window words the code itself). */
function netEnglish(net: NetReason): string {
  return ({ timeout: 'timed out', refused: 'connection refused', unknown_host: 'unknown host', network: 'network error' } as Record<string, string>)[net] ?? net;
}
