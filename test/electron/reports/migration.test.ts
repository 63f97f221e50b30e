import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReceiptStore } from '../../../electron/core/store/index';
import { migration as m001 } from '../../../electron/core/store/migrations/001-initial';
import { MIGRATIONS } from '../../../electron/core/store/migrations/index';
import { tempDir } from '../../support/temp';

describe('migration 002 (z_reports)', () => {
  it('upgrades a version-1 receipt log in place, keeping its sales, and adds the immutability triggers', () => {
    const dir = tempDir('reports-mig').dir;
    try {
      const file = path.join(dir, 'receipts.db');
      const v1 = openReceiptStore(file, { migrations: [m001] });
      expect(v1.schemaVersion).toBe(1);
      v1.transaction(() => v1.sales.insert({ id: 'sale_old000000000', terminalId: 't', storeId: 's', cashier: null, amount: 100, currency: 'SGD', capture: true, idempotencyKey: 'k', createdAt: '2026-01-01T00:00:00.000Z' }));
      v1.close();

      const v2 = openReceiptStore(file);
      expect(v2.schemaVersion).toBe(MIGRATIONS.length);
      expect(MIGRATIONS.map((m) => m.version).slice(0, 2)).toEqual([1, 2]);
      expect(v2.sales.list({}).map((s) => s.id)).toEqual(['sale_old000000000']);
      v2.close();
      // The immutability triggers are in the file itself (read from outside, as an auditor would).
      const raw = new Database(file, { readonly: true });
      const triggers = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'z_reports' ORDER BY name").all();
      raw.close();
      expect(triggers).toEqual([{ name: 'z_reports_no_delete' }, { name: 'z_reports_no_update' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
