// `npm start -- --restore <file>`: the file is checked before it is used; a bad file changes nothing; a good
// one replaces the log, whose old file is kept aside.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStartFlags } from '../../../electron/app/start-flags';
import { DbCorruptError, openReceiptStore } from '../../../electron/core/store/index';
import { MIGRATIONS } from '../../../electron/core/store/migrations/index';
import { restoreFromFile } from '../../../electron/core/store/restore';
import { tempDir } from '../../support/temp';

function logWith(file: string, saleId: string): void {
  const s = openReceiptStore(file);
  s.transaction(() => s.sales.insert({ id: saleId, terminalId: 'T1', storeId: 'S1', cashier: null, amount: 100, currency: 'SGD', capture: true, idempotencyKey: `k_${saleId}`, createdAt: '2026-12-01T00:00:00.000Z' }));
  s.close();
}

const idsIn = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM sales').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
};

describe('--restore <file>', () => {
  it('is a start flag (resolved to an absolute path)', () => {
    expect(parseStartFlags(['--restore', 'backup.db', '--data', '/tmp/x']).restore).toBe(path.resolve('backup.db'));
  });

  it('refuses a damaged file and a file that is not a receipt log, changing nothing', () => {
    const dir = tempDir('restore-file').dir;
    const log = path.join(dir, 'receipts.sqlite');
    logWith(log, 'sale_current');
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, Buffer.alloc(8192, 7));
    const other = path.join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE notes (x TEXT)');
    for (const f of [junk, other, path.join(dir, 'missing.db')]) {
      expect(() => restoreFromFile(f, log, new Date(), MIGRATIONS.length)).toThrow(DbCorruptError);
    }
    expect(idsIn(log)).toEqual(['sale_current']);
    expect(fs.existsSync(path.join(dir, 'damaged'))).toBe(false);
  });

  it('puts a good file in place and keeps the old log aside', () => {
    const dir = tempDir('restore-file').dir;
    const log = path.join(dir, 'receipts.sqlite');
    logWith(log, 'sale_current');
    const backup = path.join(dir, 'backup.db');
    logWith(backup, 'sale_from_backup');
    const { keptAside } = restoreFromFile(backup, log, new Date(), MIGRATIONS.length);
    expect(idsIn(log)).toEqual(['sale_from_backup']);
    expect(idsIn(keptAside ?? '')).toEqual(['sale_current']);
  });
});
