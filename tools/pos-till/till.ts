// The reference till: what an integrator's POS does with the terminal's POS link, in one readable file.
//   pos pay 12.50 --ref A-1042     find or create the checkout for this reference, follow it, print the outcome
//   pos cancel --ref A-1042        cancel the open checkout of this reference
//   pos status --ref A-1042        every checkout of this reference
//   pos refund --ref A-1042 [--amount 5.00]
// Pairs once: --pair CODE (from Settings → POS link) [--url https://… --fingerprint AB:CD:…].
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { posCheckoutListSchema, posCheckoutSchema, posPairResponseSchema, posRefundSchema, posTerminalSchema, type PosCheckout, type PosEvent } from '../../shared/pos-link/api';
import { call, PosApiError, type TillConnection } from './client';
import { defaultConfigDir, loadConfig, saveConfig } from './config';
import { followEvents, type EventStream } from './events';

export interface TillIo {
  out(line: string): void;
  /** Ctrl-C while paying cancels the checkout (the CLI wires SIGINT; tests call it). */
  onInterrupt?(handler: () => void): void;
}

const USAGE = `usage: npm run pos -- <pay AMOUNT|cancel|status|refund> --ref REF [--amount A] [--note TEXT] [--item NAME:QTY:UNIT]...
       [--deadline SECONDS] [--pair CODE] [--url URL] [--fingerprint FP] [--config-dir DIR]`;

/** "12.50" → 1250 (both of the terminal's currencies have 2 decimals). */
export function toMinor(text: string): number {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not an amount like 12.50`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
const money = (minor: number, currency: string): string => `${currency} ${(minor / 100).toFixed(2)}`;
const line = (c: PosCheckout): string =>
  `${c.status}${c.failure_code ? ` (${c.failure_code})` : ''} · ${money(c.amount, c.currency)} · ref ${c.reference_id} · ${c.id}${c.sale_id ? ` · ${c.sale_id}` : ''}${c.charge_id ? ` · ${c.charge_id}` : ''}${c.refunded_amount ? ` · refunded ${money(c.refunded_amount, c.currency)}` : ''}`;
const FINAL = new Set(['completed', 'canceled', 'expired', 'failed']);

async function connection(v: { pair?: string | undefined; url?: string | undefined; fingerprint?: string | undefined; 'config-dir'?: string | undefined }, io: TillIo): Promise<TillConnection> {
  const dir = v['config-dir'] ?? defaultConfigDir();
  if (v.pair) {
    const url = v.url ?? 'http://127.0.0.1:4350';
    const { data } = await call({ url, fingerprint: v.fingerprint }, 'POST', '/v1/pair', posPairResponseSchema, { code: v.pair });
    const file = saveConfig(dir, { url, apiKey: data.api_key, keyId: data.key_id, name: data.name, fingerprint: v.fingerprint ?? null });
    io.out(`paired as "${data.name}" (${data.scopes.join(', ')}); key kept in ${file}`);
  }
  const c = loadConfig(dir);
  if (!c) throw new Error('Not paired yet: ask the manager for a code (Settings → POS link) and add --pair CODE.');
  return { url: v.url ?? c.url, apiKey: c.apiKey, fingerprint: v.fingerprint ?? c.fingerprint ?? undefined };
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Follows one checkout to its end: events from the stream opened before it was created; when the stream
 * drops, it is opened again after the last event seen (Last-Event-ID) and the checkout read back, so a
 * lost connection loses nothing.
 */
async function follow(conn: TillConnection, id: string, opened: EventStream | null, events: { handler: (e: PosEvent) => void; onEvent: (e: PosEvent) => void }, io: TillIo): Promise<PosCheckout> {
  let stream = opened;
  let lastId = opened?.lastId();
  let said = '';
  let finished = false;
  return new Promise<PosCheckout>((resolve, reject) => {
    const settle = (c: PosCheckout): void => {
      if (finished) return;
      if (c.status !== said) io.out(line(c));
      said = c.status;
      if (!FINAL.has(c.status)) return;
      finished = true;
      stream?.close();
      resolve(c);
    };
    events.handler = (e) => {
      if (e.type === 'checkout.updated' && e.data.id === id) settle(e.data);
    };
    const reread = (): Promise<void> => call(conn, 'GET', `/v1/checkouts/${id}`, posCheckoutSchema).then((r) => settle(r.data), () => undefined);
    const watch = async (): Promise<void> => {
      await reread();
      while (!finished) {
        if (!stream) {
          await delay(500);
          stream = await followEvents(conn, { ...(lastId ? { lastEventId: lastId } : {}), onEvent: events.onEvent }).catch((e: unknown) => {
            if (e instanceof PosApiError && e.status >= 400 && e.status < 500) throw e;
            return null;
          });
          await reread();
          continue;
        }
        await stream.ended;
        lastId = stream.lastId();
        stream = null;
      }
    };
    watch().catch(reject);
  });
}

export async function runTill(argv: readonly string[], io: TillIo): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ref: { type: 'string' },
      amount: { type: 'string' },
      note: { type: 'string' },
      item: { type: 'string', multiple: true },
      deadline: { type: 'string' },
      pair: { type: 'string' },
      url: { type: 'string' },
      fingerprint: { type: 'string' },
      'config-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (v.help || !command) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const conn = await connection(v, io);
  if (command === 'pair') return 0;
  if (!v.ref) throw new Error('--ref is required (the till’s order or ticket number).');
  const ref = v.ref;
  const list = async (): Promise<PosCheckout[]> => (await call(conn, 'GET', `/v1/checkouts?reference_id=${encodeURIComponent(ref)}`, posCheckoutListSchema)).data.data;

  switch (command) {
    case 'pay': {
      if (!arg) throw new Error('pay needs an amount, e.g. pay 12.50');
      const { data: terminal } = await call(conn, 'GET', '/v1/terminal', posTerminalSchema);
      const amount = toMinor(arg);
      // A till that lost an answer finds its payment by its own reference before asking again.
      const earlier = await list();
      const paid = earlier.find((c) => c.status === 'completed');
      if (paid) {
        io.out(`already paid: ${line(paid)}`);
        return 0;
      }
      const open = earlier.find((c) => !FINAL.has(c.status));
      // Listen first, then create: no event of the new checkout can be missed.
      const events = { handler: (_e: PosEvent): void => undefined, onEvent: (e: PosEvent): void => events.handler(e) };
      const stream = await followEvents(conn, { onEvent: events.onEvent }).catch(() => null);
      let checkout = open;
      if (!checkout) {
        const items = (v.item ?? []).map((s) => {
          const [name = '', qty = '1', unit = '0'] = s.split(':');
          return { name, quantity: Number(qty), unit_amount: toMinor(unit) };
        });
        const body = { amount, currency: terminal.currency, reference_id: ref, idempotency_key: `pay:${ref}:${randomUUID()}`, ...(v.note ? { note: v.note } : {}), ...(items.length ? { line_items: items } : {}), ...(v.deadline ? { deadline_seconds: Number(v.deadline) } : {}) };
        checkout = (await call(conn, 'POST', '/v1/checkouts', posCheckoutSchema, body).catch((e: unknown) => {
          stream?.close();
          throw e;
        })).data;
      } else io.out(`following the open checkout of ${ref}`);
      const id = checkout.id;
      io.onInterrupt?.(() => void call(conn, 'POST', `/v1/checkouts/${id}/cancel`, posCheckoutSchema).catch(() => undefined));
      const done = await follow(conn, id, stream, events, io);
      return done.status === 'completed' ? 0 : 1;
    }
    case 'cancel': {
      const open = (await list()).find((c) => !FINAL.has(c.status));
      if (!open) throw new Error(`No open checkout for ${ref}.`);
      io.out(line((await call(conn, 'POST', `/v1/checkouts/${open.id}/cancel`, posCheckoutSchema)).data));
      return 0;
    }
    case 'status': {
      const all = await list();
      if (all.length === 0) io.out(`no checkout for ${ref}`);
      for (const c of all) io.out(line(c));
      return all.some((c) => c.status === 'completed') ? 0 : 1;
    }
    case 'refund': {
      const paid = (await list()).find((c) => c.status === 'completed');
      if (!paid) throw new Error(`No completed checkout for ${ref}.`);
      const amount = v.amount ? toMinor(v.amount) : paid.amount - paid.refunded_amount;
      const { data } = await call(conn, 'POST', '/v1/refunds', posRefundSchema, { checkout_id: paid.id, amount, idempotency_key: `refund:${paid.id}:${randomUUID()}` });
      io.out(`refund ${data.status}${data.voided ? ' (voided)' : ''} · ${money(data.amount, data.currency)} · ${data.id}${data.failure_code ? ` (${data.failure_code})` : ''}`);
      return data.status === 'succeeded' ? 0 : 1;
    }
    default:
      io.out(USAGE);
      return 2;
  }
}

