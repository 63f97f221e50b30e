// The store report bench's sandbox, in a worker thread of its own: Opn is another server, so the
// sandbox's work (serialising pages) does not share the report's thread. Driven over HTTP (the API and
// the /__sandbox controls); answers { baseUrl, secretKey } once listening, seeds the day on 'seed'
// (in-process: 63,000 charges over HTTP took 1.5–5.5 min; the answers the report reads are the same),
// stops on 'stop'.
import { parentPort, workerData } from 'node:worker_threads';
import type { SandboxOptions } from '../sandbox/index';
import { startSandbox } from '../sandbox/index';
import { parseForm } from '../sandbox/http/body';

export interface SeedPlan {
  readonly terminals: number;
  readonly perTerminal: number;
  readonly otherStore: number;
  /** Charges left pending at Opn for days (a terminal that crashed before expiring them). */
  readonly lingering: number;
  /** The terminal's QR validity, sent as expires_at as the terminal does. */
  readonly qrMs: number;
}
export interface Seeded {
  readonly made: number;
  readonly ms: number;
  /** The sandbox's clock after seeding (ISO). */
  readonly now: string;
  readonly lingering: readonly string[];
  /** Some paid charges of store_1, for refunds later. */
  readonly paidIds: readonly string[];
}

const port = parentPort;
if (!port) throw new Error('reports-store-sandbox runs as a worker thread');
const sb = await startSandbox((workerData as { options: SandboxOptions }).options);

/**
 * The day's charges as POST /charges receives them from a terminal (the same form body, decoded by the
 * sandbox's own parser), spread over 14 hours: the clock moves every 100 charges; 90 % paid, 6 % failed,
 * 4 % never paid (they expire with their QR); one in 21 of another store on the same account.
 */
async function seed(plan: SeedPlan): Promise<Seeded> {
  const t0 = performance.now();
  const total = plan.terminals * plan.perTerminal + plan.otherStore;
  const stepMs = Math.floor((14 * 3_600_000) / total) * 100;
  const lingerEvery = Math.floor(total / plan.lingering);
  // A smaller bench moves the clock in bigger steps: a QR must outlive one step between create and pay.
  const qrMs = Math.max(plan.qrMs, 2 * stepMs);
  const lingering: string[] = [];
  const paidIds: string[] = [];
  for (let i = 0; i < total; i++) {
    const other = i % 21 === 20 && i / 21 < plan.otherStore;
    const terminal = `term_${String(i % plan.terminals).padStart(2, '0')}`;
    const linger = i % lingerEvery === 7 && !other;
    const body = new URLSearchParams({
      amount: String(1_000 + (i % 9_000)), currency: 'SGD', return_uri: 'https://shop.example/r',
      'source[type]': 'kakaopay', 'source[platform_type]': 'WEB',
      'metadata[store_id]': other ? 'store_other' : 'store_1', 'metadata[terminal_id]': other ? 'term_x' : terminal, 'metadata[sale_id]': `sale_${i}`,
      // Opn's default lifetime (7 days) for the lingering ones, as if Opn ignored the terminal's expires_at.
      ...(linger ? {} : { expires_at: new Date(sb.clock.now().getTime() + qrMs).toISOString() }),
    });
    const charge = await sb.createCharge(parseForm(body.toString()));
    const r = i % 50;
    if (linger) lingering.push(charge.id);
    else if (r < 45) {
      await sb.completeCharge(charge.id, 'successful');
      if (!other && i % 97 === 0) paidIds.push(charge.id);
    } else if (r < 48) await sb.completeCharge(charge.id, { failureCode: 'payment_rejected' });
    if ((i + 1) % 100 === 0) await sb.clock.advance(stepMs);
  }
  return { made: total, ms: performance.now() - t0, now: sb.clock.now().toISOString(), lingering, paidIds };
}

port.on('message', (m: unknown) => {
  if (m === 'stop') void sb.stop().then(() => port.close());
  else if (typeof m === 'object' && m !== null && 'seed' in m) {
    seed((m as { seed: SeedPlan }).seed).then(
      (seeded) => port.postMessage({ seeded }),
      (e: unknown) => port.postMessage({ error: e instanceof Error ? e.message : String(e) }),
    );
  }
});
port.postMessage({ baseUrl: sb.baseUrl, secretKey: sb.secretKey });
