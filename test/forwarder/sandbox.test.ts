// The whole webhook path with the real Opn sandbox: sandbox → signed webhook → forwarder → the right
// terminal's relay client → its SQLite commit. The sandbox rotates its secret (two signatures) and the
// forwarder knows only the old one, so verification goes through the second signature.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RelayClient } from '../../electron/relay/client';
import { startForwarder } from '../../forwarder/index';
import type { Forwarder } from '../../forwarder/index';
import { startSandbox } from '../../sandbox/index';
import type { Sandbox } from '../../sandbox/index';
import { tempDir } from '../support/temp';
import { waitFor } from '../support/wait';
import { TerminalDb } from './helpers';

const OLD_SECRET = Buffer.from('the-secret-being-rotated-out-0001').toString('base64');
const tmp = tempDir('sandbox');
let sandbox: Sandbox;
let fwd: Forwarder;
const stops: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true, previousWebhookSecret: OLD_SECRET });
  fwd = await startForwarder({ dataDir: tmp.dir, webhookSecret: OLD_SECRET, quiet: true });
  sandbox.setWebhookEndpoints([fwd.webhookUrl]);
});
afterAll(async () => {
  for (const s of stops.reverse()) await s();
  await sandbox.stop();
  await fwd.stop();
  tmp.cleanup();
});

async function createCharge(terminalId: string, saleId: string): Promise<string> {
  const form = new URLSearchParams({
    amount: '1500', currency: 'SGD', return_uri: 'https://example.com/return',
    'source[type]': 'kakaopay', 'source[platform_type]': 'WEB',
    'metadata[terminal_id]': terminalId, 'metadata[sale_id]': saleId,
  });
  const res = await fetch(`${sandbox.baseUrl}/charges`, {
    method: 'POST', body: form,
    headers: { authorization: `Basic ${Buffer.from(`${sandbox.secretKey}:`).toString('base64')}` },
  });
  const charge = (await res.json()) as { id: string; status: string };
  expect(res.status).toBe(200);
  expect(charge.status).toBe('pending');
  return charge.id;
}

interface ParsedEvent { id: string; key: string; data: { id: string; status: string; metadata: { terminal_id: string } } }

it('delivers the sandbox’s signed charge.complete to the terminal that owns the charge, and to no other', async () => {
  const terms = await Promise.all(['till-a', 'till-b'].map(async (id) => {
    const token = await fwd.createToken(id);
    const db = new TerminalDb(`${tmp.dir}/${id}.sqlite`);
    const client = new RelayClient({ url: fwd.wsUrl, terminalId: id, token, lastSeq: db.lastSeq, onEvent: db.commit });
    client.start();
    stops.push(async () => {
      await client.stop();
      db.close();
    });
    return { id, db };
  }));
  const [a, b] = terms;
  if (!a || !b) throw new Error('terminals');

  const chargeA = await createCharge('till-a', 'sale_a');
  const chargeB = await createCharge('till-b', 'sale_b');
  await sandbox.completeCharge(chargeA, 'successful');
  await sandbox.completeCharge(chargeB, { failureCode: 'payment_rejected' });

  const completeOf = (db: TerminalDb, chargeId: string) =>
    db.rows().map((r) => ({ ...r, event: JSON.parse(r.raw_body) as ParsedEvent })).find((r) => r.event.key === 'charge.complete' && r.event.data.id === chargeId);
  const gotA = await waitFor(() => completeOf(a.db, chargeA), 'charge.complete at till-a');
  const gotB = await waitFor(() => completeOf(b.db, chargeB), 'charge.complete at till-b');
  expect(gotA.event.data.status).toBe('successful');
  expect(gotA.signature).toBe('verified');
  expect(gotB.event.data.status).toBe('failed');
  // isolation: every event a terminal committed names that terminal
  for (const t of terms) {
    for (const r of t.db.rows()) expect((JSON.parse(r.raw_body) as ParsedEvent).data.metadata.terminal_id).toBe(t.id);
  }
  expect(a.db.duplicateCommits + b.db.duplicateCommits).toBe(0);
});
