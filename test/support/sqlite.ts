// A fingerprint of every table of a SQLite file (row counts + checksum): "this changed nothing" in one assertion.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface DbFingerprint {
  counts: Record<string, number>;
  checksum: string;
}

/**
 * Row counts and a SHA-256 over every row of every table, in primary-key order, read through a second,
 * read-only connection to the file: the test looks at the receipt log from outside, as an auditor would.
 */
export function fingerprint(dbPath: string): DbFingerprint {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return fingerprintOf(db);
  } finally {
    db.close();
  }
}

function fingerprintOf(db: Database.Database): DbFingerprint {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all();
    counts[t] = rows.length;
    hash.update(`${t}\n${JSON.stringify(rows)}\n`);
  }
  return { counts, checksum: hash.digest('hex') };
}
