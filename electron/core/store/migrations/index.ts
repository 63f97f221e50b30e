// The migration registry: a plain ordered array, so adding a migration is a one-line change.
import type { Migration } from './types';
import { migration as m001 } from './001-initial';
import { migration as m002 } from './002-z-reports';
import { migration as m003 } from './003-second-charge';
import { migration as m004 } from './004-refund-origin';
import { migration as m005 } from './005-rebuilt-rows';
import { migration as m006 } from './006-sale-origin';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006];
