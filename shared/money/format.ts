// Display formatting at the edge, with Intl.NumberFormat fed an exact decimal string.
import type { Currency, Money } from './currency';
import { rulesForCurrency } from './currency';
import { toDecimalString } from './parse';

export const DISPLAY_LOCALES = ['en-SG', 'th-TH', 'ko-KR'] as const;
export type DisplayLocale = (typeof DISPLAY_LOCALES)[number];

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: Currency, style: 'currency' | 'decimal'): Intl.NumberFormat {
  const key = `${locale}|${currency}|${style}`;
  let nf = cache.get(key);
  if (!nf) {
    const decimals = rulesForCurrency(currency).decimals;
    nf = new Intl.NumberFormat(locale, {
      style,
      ...(style === 'currency' ? { currency, currencyDisplay: 'narrowSymbol' } : {}),
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      numberingSystem: 'latn',
    });
    cache.set(key, nf);
  }
  return nf;
}

// Intl.NumberFormat (v3) formats a decimal string exactly; typed as number in older lib files.
const exact = (money: Money): number => toDecimalString(money.amount, money.currency) as unknown as number;

/** "S$1,500.00", "฿1,500.00", "SGD 1,500.00" for ko-KR, ... */
export function formatMoney(money: Money, locale: string = rulesForCurrency(money.currency).locale): string {
  const text = formatter(locale, money.currency, 'currency').format(exact(money));
  // Singapore dollars are commonly written S$; narrowSymbol gives "$" in en-SG.
  return money.currency === 'SGD' ? text.replace(/(^|[^S])\$/, '$1S$') : text;
}

/** "1,500.00": the amount alone, grouped, which `parseAmountInput` reads back. */
export function formatAmount(money: Money, locale: string = rulesForCurrency(money.currency).locale): string {
  return formatter(locale, money.currency, 'decimal').format(exact(money));
}
