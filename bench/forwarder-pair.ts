// Two forwarder configurations side by side, one webhook at a time, interleaved with the floor in the same
// minutes: floor, A, B, floor, A, B… A difference between two runs of `npm run bench -- forwarder` is mostly
// the machine (its speed drifts by a third within seconds); taken in turns, A and B see the same noise.
// Not part of `npm run bench`. Run:
//   PAIR_A='{"FORWARDER_SQLITE_LONE_COMMITS":"0"}' PAIR_B='{}' npx tsx bench/forwarder-pair.ts
// PAIR_A / PAIR_B: the forwarder's environment for each (NODE_OPTIONS for node flags); PAIR_N webhooks per side
// and connection kind (3,000); PAIR_MODES (keepAlive,newConnection); PAIR_WARM_UP deliveries first (16,000).
// PAIR_DURABLE_FLOOR=1 adds a third relay in the turns: the floor that also writes each body to disk and waits for
// fdatasync before relaying it (bench/forwarder-floor.ts), the least any durable relay must do on this disk.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { RelayClient } from '../electron/relay/client';
import { createToken } from '../forwarder/index';
import { openStore } from '../forwarder/store/open';
import { latencySummary, pct } from './forwarder-latency';
import { children, removeBuilds, spawnFloor, spawnForwarder } from './forwarder-processes';
import { agent, connectTerminals, deliverOne, pool, receiptDb, TERMINALS } from './forwarder-traffic';
import type { Mode } from './forwarder-traffic';

const envOf = (name: string): Record<string, string> => {
  const parsed = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string()).safeParse(JSON.parse(process.env[name] ?? '{}'));
  if (!parsed.success) throw new Error(`${name} must be a JSON object of environment variables (strings)`);
  return parsed.data;
};
const N = z.coerce.number().int().min(100).parse(process.env.PAIR_N ?? 3000);
const WARM_UP = z.coerce.number().int().min(0).parse(process.env.PAIR_WARM_UP ?? 16000);
const MODES = z.array(z.enum(['keepAlive', 'newConnection'])).parse((process.env.PAIR_MODES ?? 'keepAlive,newConnection').split(','));
const SIDES = { A: envOf('PAIR_A'), B: envOf('PAIR_B') };
const DURABLE_FLOOR = process.env.PAIR_DURABLE_FLOOR === '1';

const summary = (xs: number[]): string => {
  const s = latencySummary(xs);
  return `p50 ${s.p50.toFixed(2)} p99 ${s.p99.toFixed(2)} ms, over 1.5 ms ${s.over1_5ms}, over 3 ms ${s.over3ms}`;
};
/** The p99 ratio to the floor in each 1,000 of the run, as `npm run bench -- forwarder` measures it. */
const perThousand = (xs: number[], floor: number[]): string =>
  Array.from({ length: Math.floor(xs.length / 1000) }, (_, c) => `×${(pct(xs.slice(c * 1000, c * 1000 + 1000), 99) / pct(floor.slice(c * 1000, c * 1000 + 1000), 99)).toFixed(2)}`).join(' ');

const tmp = mkdtempSync(join(tmpdir(), 'fwd-pair-'));
const ids = Array.from({ length: TERMINALS }, (_, i) => `t${i}`);
const clients: RelayClient[] = [];
try {
  const floor = await spawnFloor();
  clients.push(...(await connectTerminals([floor.wsUrl], new Map(), ids, receiptDb(join(tmp, 'floor-terminals.sqlite')))));
  const urls: Record<string, string[]> = { floor: [`${floor.url}/webhooks/opn`] };
  if (DURABLE_FLOOR) {
    const dir = join(tmp, 'durable-floor');
    mkdirSync(dir);
    const durable = await spawnFloor(dir);
    clients.push(...(await connectTerminals([durable.wsUrl], new Map(), ids, receiptDb(join(tmp, 'durable-floor-terminals.sqlite')))));
    urls.durable = [`${durable.url}/webhooks/opn`];
  }
  for (const [side, env] of Object.entries(SIDES)) {
    const dataDir = join(tmp, side);
    const store = await openStore({ store: 'sqlite', dataDir });
    const tokens = new Map<string, string>();
    for (const id of ids) tokens.set(id, await createToken(store, id));
    await store.close();
    const fwd = await spawnForwarder({ FORWARDER_DATA_DIR: dataDir, ...env });
    clients.push(...(await connectTerminals([`${fwd.url.replace('http', 'ws')}/terminals`], tokens, ids, receiptDb(join(tmp, `${side}-terminals.sqlite`)))));
    urls[side] = [`${fwd.url}/webhooks/opn`];
  }
  for (const target of Object.values(urls)) {
    await pool(WARM_UP, 64, async () => void (await deliverOne(target, 'keepAlive')));
    await pool(WARM_UP / 4, 64, async () => void (await deliverOne(target, 'newConnection')));
  }
  console.log(`A ${JSON.stringify(SIDES.A)}, B ${JSON.stringify(SIDES.B)}: ${N} webhooks one at a time per side, taken in turns`);
  for (const mode of MODES as Mode[]) {
    const samples: Record<string, number[]> = { floor: [], ...(DURABLE_FLOOR ? { durable: [] } : {}), A: [], B: [] };
    for (let i = 0; i < N; i++) for (const [side, xs] of Object.entries(samples)) xs.push(await deliverOne(urls[side] ?? [], mode));
    console.log(`${mode}:`);
    for (const [side, xs] of Object.entries(samples)) console.log(`  ${side.padEnd(7)} ${summary(xs)}${side === 'floor' ? '' : `; p99 ratio per 1,000: ${perThousand(xs, samples.floor ?? [])}`}`);
  }
} finally {
  await Promise.all(clients.map((c) => c.stop()));
  agent.destroy();
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => c.once('exit', r))));
  rmSync(tmp, { recursive: true, force: true });
  removeBuilds();
}
