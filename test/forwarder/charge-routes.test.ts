// The charge → terminal map (refunds made at Opn name only the charge) is written in the event's own
// durable commit: a row of forwarder.sqlite beside the event, no write (and no fsync) of its own.
// Routes kept by an earlier version in charge-routes.sqlite move in once. Redis: replica-gate.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startForwarder } from '../../forwarder/index';
import { tempDir } from '../support/temp';
import { opnEvent, postWebhook, TEST_SECRET } from './helpers';

const tmp = tempDir('charge-routes');

/** A refund made in Opn's dashboard: no terminal metadata, its charge by id only. */
function refundEvent(id: string, chargeId: string): string {
  return JSON.stringify({ object: 'event', id, livemode: false, key: 'refund.create', created_at: '2026-11-27T10:00:00Z', data: { object: 'refund', id: `rfnd_test_${id}`, amount: 1000, currency: 'SGD', charge: chargeId } });
}

describe('charge routes (sqlite)', () => {
  it('a charge event stores its route in the same commit, and a refund of that charge reaches the same terminal', async () => {
    const dataDir = join(tmp.dir, 'same-commit');
    const fwd = await startForwarder({ dataDir, webhookSecret: TEST_SECRET, quiet: true });
    try {
      await fwd.createToken('route-1');
      const commits = fwd.store.commits;
      expect((await postWebhook(fwd.webhookUrl, opnEvent('evnt_route_1', 'route-1'), { secret: TEST_SECRET })).json).toMatchObject({ terminalId: 'route-1', seq: 1 });
      expect(fwd.store.commits - commits).toBe(1); // the event and its route: one durable commit
      const db = new Database(join(dataDir, 'forwarder.sqlite'), { readonly: true });
      expect(db.prepare('SELECT terminal_id FROM charge_routes WHERE charge_id = ?').get('chrg_test_evnt_route_1')).toEqual({ terminal_id: 'route-1' });
      db.close();
      expect((await postWebhook(fwd.webhookUrl, refundEvent('evnt_route_rf', 'chrg_test_evnt_route_1'), { secret: TEST_SECRET })).json).toMatchObject({ terminalId: 'route-1', seq: 2 });
      expect((await fwd.store.readAfter('route-1', 1, 10)).map((e) => e.eventKey)).toEqual(['refund.create']);
      // a charge never seen still goes to the dead letters
      expect((await postWebhook(fwd.webhookUrl, refundEvent('evnt_route_unknown', 'chrg_test_never'), { secret: TEST_SECRET })).status).toBe(202);
    } finally {
      await fwd.stop();
    }
  });

  it("routes kept in an earlier version's charge-routes.sqlite move into forwarder.sqlite at start", async () => {
    const dataDir = join(tmp.dir, 'import');
    const first = await startForwarder({ dataDir, webhookSecret: TEST_SECRET, quiet: true });
    await first.createToken('route-old');
    await first.stop();
    const old = new Database(join(dataDir, 'charge-routes.sqlite'));
    old.exec('CREATE TABLE charge_routes (charge_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, seen_at INTEGER NOT NULL) WITHOUT ROWID');
    old.prepare('INSERT INTO charge_routes VALUES (?, ?, ?)').run('chrg_test_old', 'route-old', Date.now());
    old.close();
    const fwd = await startForwarder({ dataDir, webhookSecret: TEST_SECRET, quiet: true });
    try {
      expect(existsSync(join(dataDir, 'charge-routes.sqlite'))).toBe(false);
      expect((await postWebhook(fwd.webhookUrl, refundEvent('evnt_route_old_rf', 'chrg_test_old'), { secret: TEST_SECRET })).json).toMatchObject({ terminalId: 'route-old', seq: 1 });
    } finally {
      await fwd.stop();
    }
  });
});
