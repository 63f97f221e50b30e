import type { Database } from 'better-sqlite3';
import type { MigrationStep } from '../../../../shared';

/** One forward-only schema step; `up` runs inside a transaction together with the user_version bump. */
export type Migration = MigrationStep<Database>;
