import { describe, expect, it } from 'vitest';
import { applyKey, type KeypadKey } from '../../renderer/cashier/amount-entry';

const press = (keys: KeypadKey[], start = ''): string => keys.reduce(applyKey, start);

describe('keypad entry', () => {
  it('builds amounts digit by digit, with one decimal point', () => {
    expect(press(['1', '5', '0', '0', '.', '0', '0'])).toBe('1500.00');
    expect(press(['.', '5'])).toBe('0.5');
    expect(press(['1', '.', '.', '2'])).toBe('1.2');
    expect(press(['0', '7'])).toBe('7');
  });
  it('deletes and clears', () => {
    expect(press(['1', '2', 'back'])).toBe('1');
    expect(press(['back'])).toBe('');
    expect(press(['1', '2', 'clear'])).toBe('');
  });
  it('stops at the longest input the parser accepts', () => {
    const long = press(Array<KeypadKey>(30).fill('9'));
    expect(long.length).toBe(16);
  });
});
