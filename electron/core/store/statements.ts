// Prepared statements cached per SQL text: preparing on every call costs more than running small queries.
import type { Database, Statement } from 'better-sqlite3';

export class Statements {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
