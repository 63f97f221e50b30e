// Version 4 belongs to the refunds-made-at-Opn change (a parallel branch). This placeholder keeps the
// numbering gapless on a branch without it; at merge it is replaced by the real 004 (nothing here to keep).
import type { Migration } from './types';

export const migration: Migration = {
  version: 4,
  name: 'reserved',
  up() {
    // Intentionally empty.
  },
};
