// Parses what a cashier types into integer minor units, by string arithmetic only (never floats).
import type { Currency } from './currency';
import { rulesForCurrency } from './currency';

export const AMOUNT_ERROR_CODES = [
  'amount_empty',
  'amount_too_long',
  'amount_negative',
  'amount_exponent',
  'amount_invalid_characters',
  'amount_malformed',
  'amount_too_many_decimals',
  'amount_not_integer',
  'amount_below_minimum',
  'amount_above_maximum',
] as const;
export type AmountErrorCode = (typeof AMOUNT_ERROR_CODES)[number];

export interface AmountError {
  readonly code: AmountErrorCode;
  readonly message: string;
}

export type AmountResult = { ok: true; value: number } | { ok: false; error: AmountError };

/** Longest text accepted from a keypad or keyboard ("150,000.00" is 10). */
export const MAX_INPUT_LENGTH = 16;

const fail = (code: AmountErrorCode, message: string): AmountResult => ({ ok: false, error: { code, message } });

// Digits with optional well-formed thousands separators, then an optional fraction.
const GROUPED = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/;

/**
 * "1500" → 150000, "1,500.5" → 150050, "1500.50" → 150050 (for a two-decimal currency).
 * Does not apply limits; see `validateAmount`.
 */
export function parseAmountInput(input: string, currency: Currency): AmountResult {
  const decimals = rulesForCurrency(currency).decimals;
  const text = input.trim();
  if (text === '') return fail('amount_empty', 'Enter an amount.');
  if (text.length > MAX_INPUT_LENGTH) return fail('amount_too_long', `Use at most ${MAX_INPUT_LENGTH} characters.`);
  if (text.startsWith('-')) return fail('amount_negative', 'The amount cannot be negative.');
  if (/^[+-]?[\d.,]*e[+-]?\d*$/i.test(text)) return fail('amount_exponent', 'Write the amount without an exponent.');
  if (!/^[\d.,]+$/.test(text)) return fail('amount_invalid_characters', 'Use digits, a decimal point and commas only.');
  const match = GROUPED.exec(text);
  if (!match) return fail('amount_malformed', 'That is not a well-formed amount.');
  const whole = (match[1] ?? '').replaceAll(',', '');
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    return fail('amount_too_many_decimals', `Use at most ${decimals} decimal places.`);
  }
  // MAX_INPUT_LENGTH keeps this far below Number.MAX_SAFE_INTEGER.
  const minor = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  return { ok: true, value: minor };
}

/** Checks an amount in minor units against the KakaoPay limits of its currency (inclusive). */
export function validateAmount(amount: number, currency: Currency): AmountResult {
  const rules = rulesForCurrency(currency);
  if (!Number.isSafeInteger(amount)) return fail('amount_not_integer', 'The amount must be a whole number of minor units.');
  if (amount < 0) return fail('amount_negative', 'The amount cannot be negative.');
  if (amount < rules.minAmount) {
    return fail('amount_below_minimum', `The minimum for KakaoPay is ${toDecimalString(rules.minAmount, currency)} ${currency}.`);
  }
  if (amount > rules.maxAmount) {
    return fail('amount_above_maximum', `The maximum for KakaoPay is ${toDecimalString(rules.maxAmount, currency)} ${currency}.`);
  }
  return { ok: true, value: amount };
}

/** Parse then validate: the cashier's keypad uses this. */
export function parseChargeAmount(input: string, currency: Currency): AmountResult {
  const parsed = parseAmountInput(input, currency);
  return parsed.ok ? validateAmount(parsed.value, currency) : parsed;
}

/** 150050 → "1500.50": exact, for CSV cells and Intl formatting. */
export function toDecimalString(amount: number, currency: Currency): string {
  const decimals = rulesForCurrency(currency).decimals;
  const negative = amount < 0;
  const digits = Math.abs(amount).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}
