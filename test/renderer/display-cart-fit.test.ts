// How much of a till's cart the customer display shows in a box (renderer/display/Cart.tsx): as many
// lines as the height allows (room kept for the note), two rows a line where one row would leave the
// name no room, and never fewer than one line.
import { describe, expect, it } from 'vitest';
import { fitCart } from '../../renderer/display/Cart';

const cart = (note: string | null) => ({ lines: Array.from({ length: 30 }, () => ({ name: 'Tea', quantity: 1, unitAmount: 100 })), note });

describe('the customer display\'s cart fit', () => {
  it('one row a line in a wide box; lines fill the height, the note keeps two rows', () => {
    // 16 px text, rows of 25.6 px: 256 px hold 10 rows.
    expect(fitCart({ width: 600, height: 256 }, 16, cart(null))).toEqual({ compact: false, maxLines: 10 });
    expect(fitCart({ width: 600, height: 256 }, 16, cart('Table 4'))).toEqual({ compact: false, maxLines: 8 });
  });

  it('two rows a line in a narrow column (a hosted checkout beside it)', () => {
    expect(fitCart({ width: 300, height: 256 }, 16, cart(null))).toEqual({ compact: true, maxLines: 5 });
  });

  it('at least one line, however little room', () => {
    expect(fitCart({ width: 200, height: 10 }, 16, cart('Table 4'))).toEqual({ compact: true, maxLines: 1 });
  });
});
