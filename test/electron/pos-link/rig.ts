// A POS link against the real thing: the sandbox over HTTP, a real payment core on a real SQLite file,
// the session's own SQLite file, and its server on loopback. `api()` calls it as a till does and
// validates every JSON answer against the OpenAPI document the server itself serves.
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { createPosLinkSession, type PosLinkOptions, type PosLinkSession } from '../../../electron/pos-link/session';
import type { PosCorePort, PosTerminalFacts } from '../../../electron/pos-link/core-port';
import type { PaymentCore } from '../../../electron/core/index';
import { startRig, type Rig } from '../core/harness';
import { tempDir } from '../../support/temp';
import { freePort } from '../../support/servers';

export interface PosRig {
  readonly rig: Rig;
  readonly session: PosLinkSession;
  readonly base: string;
  readonly dbFile: string;
  /** A paired key with both scopes. */
  readonly key: string;
  api(method: string, p: string, o?: { body?: unknown; raw?: string; key?: string | null; headers?: Record<string, string> }): Promise<{ status: number; body: unknown; headers: Headers }>;
  pair(name: string, scopes: ('payments' | 'refunds')[]): Promise<string>;
  /** Pays the sale of a checkout in the sandbox and delivers its events to the core, as the relay would. */
  pay(saleId: string, outcome?: 'successful' | 'failed'): Promise<void>;
  /** Stops and reopens the core and the session on the same files (session options may change, e.g. its clock). */
  restart(extra?: Partial<PosLinkOptions>): Promise<PosLinkSession>;
  stop(): Promise<void>;
}

export function portOf(core: () => PaymentCore): PosCorePort {
  return {
    startSale: (input) => core().startSale(input),
    cancelSale: (id) => core().cancelSale(id),
    refund: (input) => core().refund(input),
    getReceipt: (id) => core().getReceipt(id),
    openSales: () => core().store.sales.listOpen(),
  };
}

type Validators = Map<string, ValidateFunction>;

/** One validator per (method, path template, status) of the served document. */
export function validatorsOf(doc: Record<string, unknown>): Validators {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const components = (doc.components as { schemas: Record<string, unknown> }).schemas;
  const out: Validators = new Map();
  for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>>)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const [status, r] of Object.entries(op.responses)) {
        const schema = r.content?.['application/json']?.schema;
        if (!schema) continue;
        const resolved = schema.$ref === '#/components/schemas/Error' ? components.Error : schema;
        out.set(`${method.toUpperCase()} ${p} ${status}`, ajv.compile(resolved as object));
      }
    }
  }
  return out;
}

// Compiling every answer's schema costs more than a short test: once per distinct document served.
const compiled = new Map<string, Validators>();
async function servedValidators(base: string): Promise<Validators> {
  const text = await (await fetch(`${base}/v1/openapi.json`)).text();
  let v = compiled.get(text);
  if (!v) {
    v = validatorsOf(JSON.parse(text) as Record<string, unknown>);
    compiled.set(text, v);
  }
  return v;
}

export function templateOf(p: string): string {
  const bare = p.split('?')[0] ?? p;
  if (/^\/v1\/checkouts\/[^/]+\/cancel$/.test(bare)) return '/v1/checkouts/{id}/cancel';
  if (/^\/v1\/checkouts\/[^/]+$/.test(bare)) return '/v1/checkouts/{id}';
  if (/^\/v1\/refunds\/[^/]+$/.test(bare)) return '/v1/refunds/{id}';
  return bare;
}

/** Answers checked against the document, with how many were checked (a test asserts it checked some). */
export const checked = { count: 0, routes: new Set<string>() };

export async function startPosRig(o: { session?: Partial<PosLinkOptions>; qrValidityMs?: number } = {}): Promise<PosRig> {
  const rig = await startRig();
  let core: PaymentCore = rig.core;
  const dbFile = path.join(tempDir('pos-link').dir, 'pos-link.sqlite');
  const facts: PosTerminalFacts = {
    core: () => portOf(() => core),
    currency: () => 'SGD',
    mode: () => 'demo',
    qrValidityMs: () => o.qrValidityMs ?? 300_000,
    link: () => 'connected',
    recovering: () => false,
  };
  const port = await freePort();
  const make = (extra: Partial<PosLinkOptions> = {}): PosLinkSession =>
    createPosLinkSession({ dbFile, facts, port, heartbeatMs: 200, rateLimit: { burst: 10_000, perSecond: 10_000 }, pairRateLimit: { burst: 100, perSecond: 100 }, ...o.session, ...extra });
  let session = make();
  let unsubscribe = core.onSaleChanged((s) => session.onSale(s));
  await session.open();
  await session.control.configure({ enabled: true, allowLan: false });
  const base = `http://127.0.0.1:${port}`;
  let validators: Validators | null = null;

  const api: PosRig['api'] = async (method, p, a = {}) => {
    const headers: Record<string, string> = { ...a.headers };
    if (a.key !== null && (a.key ?? self.key)) headers.authorization = `Bearer ${a.key ?? self.key}`;
    let body: string | undefined = a.raw;
    if (a.body !== undefined) body = JSON.stringify(a.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const res = await fetch(base + p, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    validators ??= await servedValidators(base);
    const v = validators.get(`${method} ${templateOf(p)} ${res.status}`);
    if (!v) throw new Error(`The document has no ${res.status} answer for ${method} ${templateOf(p)}`);
    if (!v(parsed)) throw new Error(`${method} ${p} ${res.status} does not conform to the document: ${JSON.stringify(v.errors)} in ${text}`);
    checked.count += 1;
    checked.routes.add(`${method} ${templateOf(p)}`);
    return { status: res.status, body: parsed, headers: res.headers };
  };

  const pair: PosRig['pair'] = async (name, scopes) => {
    const code = session.control.createPairingCode({ name, scopes });
    const r = await api('POST', '/v1/pair', { body: { code: code.code }, key: null });
    if (r.status !== 201) throw new Error(`pairing failed: ${JSON.stringify(r.body)}`);
    return (r.body as { api_key: string }).api_key;
  };

  const self = { key: '' };
  self.key = await pair('Till 1', ['payments', 'refunds']);

  return {
    rig,
    get session() {
      return session;
    },
    base,
    dbFile,
    key: self.key,
    api,
    pair,
    async pay(saleId, outcome = 'successful') {
      const sale = core.getReceipt(saleId).sale;
      await rig.sandbox.completeCharge(sale.chargeId ?? '', outcome === 'successful' ? 'successful' : { failureCode: 'payment_rejected' });
      for (const ev of await rig.eventsFor(sale.chargeId ?? '')) await core.handleRelayEvent(ev);
    },
    async restart(extra) {
      await session.close();
      unsubscribe();
      await core.close();
      core = rig.reopen();
      session = make(extra);
      unsubscribe = core.onSaleChanged((s) => session.onSale(s));
      await session.open();
      await core.recover();
      session.coreChanged();
      return session;
    },
    async stop() {
      unsubscribe();
      await session.close();
      await rig.stop();
    },
  } satisfies PosRig;
}
