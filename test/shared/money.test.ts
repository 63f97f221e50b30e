import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COUNTRY_RULES,
  DISPLAY_LOCALES,
  formatAmount,
  formatMoney,
  parseAmountInput,
  parseChargeAmount,
  toDecimalString,
  validateAmount,
  type Currency,
} from '../../shared';

const currencies: Currency[] = ['SGD', 'THB'];

describe('parseAmountInput', () => {
  it.each([
    ['1500', 150000],
    ['1,500.5', 150050],
    ['1500.50', 150050],
    ['1,500.00', 150000],
    ['0.01', 1],
    ['20000', 2000000],
    ['  42.1 ', 4210],
    ['7.', 700],
    ['1,234,567.89', 123456789],
  ])('reads %j as %i minor units', (text, minor) => {
    expect(parseAmountInput(text, 'SGD')).toEqual({ ok: true, value: minor });
  });

  it.each([
    ['', 'amount_empty'],
    ['   ', 'amount_empty'],
    ['-5', 'amount_negative'],
    ['-0.01', 'amount_negative'],
    ['1e3', 'amount_exponent'],
    ['1E+3', 'amount_exponent'],
    ['2.5e2', 'amount_exponent'],
    ['NaN', 'amount_invalid_characters'],
    ['12a', 'amount_invalid_characters'],
    ['abc', 'amount_invalid_characters'],
    ['S$10', 'amount_invalid_characters'],
    ['Infinity', 'amount_invalid_characters'],
    ['1.234', 'amount_too_many_decimals'],
    ['10.999', 'amount_too_many_decimals'],
    ['1..2', 'amount_malformed'],
    ['1,50', 'amount_malformed'],
    ['.', 'amount_malformed'],
    [',100', 'amount_malformed'],
    ['12345678901234567', 'amount_too_long'],
  ])('refuses %j with %s', (text, code) => {
    const result = parseAmountInput(text, 'SGD');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(5);
    }
  });
});

describe('limits', () => {
  it('accepts both inclusive edges and refuses one minor unit beyond, for each currency', () => {
    for (const currency of currencies) {
      const { minAmount, maxAmount } = COUNTRY_RULES[currency === 'SGD' ? 'SG' : 'TH'];
      expect(validateAmount(minAmount, currency).ok).toBe(true);
      expect(validateAmount(maxAmount, currency).ok).toBe(true);
      expect(validateAmount(minAmount - 1, currency)).toMatchObject({ ok: false, error: { code: 'amount_below_minimum' } });
      expect(validateAmount(maxAmount + 1, currency)).toMatchObject({ ok: false, error: { code: 'amount_above_maximum' } });
    }
  });

  it('applies the KakaoPay guide limits to typed input', () => {
    expect(parseChargeAmount('20,000.00', 'SGD')).toEqual({ ok: true, value: 2_000_000 });
    expect(parseChargeAmount('20000.01', 'SGD')).toMatchObject({ ok: false, error: { code: 'amount_above_maximum' } });
    expect(parseChargeAmount('0.99', 'SGD')).toMatchObject({ ok: false, error: { code: 'amount_below_minimum' } });
    expect(parseChargeAmount('1.00', 'SGD')).toEqual({ ok: true, value: 100 });
    expect(parseChargeAmount('20', 'THB')).toEqual({ ok: true, value: 2000 });
    expect(parseChargeAmount('19.99', 'THB')).toMatchObject({ ok: false, error: { code: 'amount_below_minimum' } });
    expect(parseChargeAmount('150,000.00', 'THB')).toEqual({ ok: true, value: 15_000_000 });
    expect(parseChargeAmount('150000.01', 'THB')).toMatchObject({ ok: false, error: { code: 'amount_above_maximum' } });
  });

  it('refuses NaN, fractions and unsafe integers as minor units', () => {
    for (const bad of [Number.NaN, 1.5, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(validateAmount(bad, 'SGD')).toMatchObject({ ok: false, error: { code: 'amount_not_integer' } });
    }
    expect(validateAmount(-100, 'SGD')).toMatchObject({ ok: false, error: { code: 'amount_negative' } });
  });
});

describe('format', () => {
  it('formats for en-SG, th-TH and ko-KR', () => {
    expect(formatMoney({ amount: 150000, currency: 'SGD' })).toBe('S$1,500.00');
    expect(formatMoney({ amount: 150050, currency: 'THB' })).toBe('฿1,500.50');
    expect(formatMoney({ amount: 150000, currency: 'SGD' }, 'ko-KR')).toContain('1,500.00');
    expect(formatMoney({ amount: 1, currency: 'SGD' })).toBe('S$0.01');
  });

  it('is exact for large amounts (no float rounding)', () => {
    expect(toDecimalString(123456789012345, 'SGD')).toBe('1234567890123.45');
    expect(formatAmount({ amount: 123456789012345, currency: 'THB' }, 'en-SG')).toBe('1,234,567,890,123.45');
    expect(toDecimalString(5, 'THB')).toBe('0.05');
    expect(toDecimalString(-250, 'THB')).toBe('-2.50');
  });

  it('format then parse returns the amount, in every display locale (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999_999 }),
        fc.constantFrom(...currencies),
        fc.constantFrom(...DISPLAY_LOCALES),
        (amount, currency, locale) => {
          const text = formatAmount({ amount, currency }, locale);
          expect(parseAmountInput(text, currency)).toEqual({ ok: true, value: amount });
          expect(parseAmountInput(toDecimalString(amount, currency), currency)).toEqual({ ok: true, value: amount });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never accepts a string that is not a plain decimal (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const result = parseAmountInput(text, 'SGD');
        if (result.ok) {
          expect(text.trim()).toMatch(/^[\d,]+(\.\d{0,2})?$/);
          expect(Number.isSafeInteger(result.value)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
