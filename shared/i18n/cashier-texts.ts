// What the cashier window says, per cashier language. Amounts are formatted by shared/money (the
// shop's currency), counts by Intl.PluralRules; errors are worded here by their code, with the main
// process's own message kept as the fallback for a code this list does not know.
import type { AmountError } from '../money/parse';
import { formatMoney } from '../money/format';
import { COUNTRY_RULES, type Country, type Currency } from '../money/currency';
import { MAX_INPUT_LENGTH } from '../money/parse';
import type { SaleStatus } from '../domain';
import { EN } from './cashier-texts-en';
import { KO } from './cashier-texts-ko';
import { TH } from './cashier-texts-th';
import type { CashierTexts } from './cashier-texts-type';

export type { CashierTexts } from './cashier-texts-type';

import type { CashierLanguage } from '../settings';
export { CASHIER_LANGUAGES, type CashierLanguage } from '../settings';

export const CASHIER_LANGUAGE_NAMES: Readonly<Record<CashierLanguage, string>> = { en: 'English', th: 'ไทย Thai', ko: '한국어 Korean' };

/** The cashier language a shop gets until it chooses one: the country's. */
export function defaultCashierLanguage(country: Country): CashierLanguage {
  return country === 'TH' ? 'th' : 'en';
}

const TEXTS: Readonly<Record<CashierLanguage, CashierTexts>> = { en: EN, th: TH, ko: KO };

export function cashierTexts(language: CashierLanguage): CashierTexts {
  return TEXTS[language];
}

/** The amount field's reason, worded for the cashier, limits as money ("S$20,000.00"). */
export function amountErrorText(t: CashierTexts, error: AmountError, currency: Currency): string {
  const rules = COUNTRY_RULES[currency === 'SGD' ? 'SG' : 'TH'];
  switch (error.code) {
    case 'amount_empty':
      return t.amount.empty;
    case 'amount_too_long':
      return t.amount.tooLong(MAX_INPUT_LENGTH);
    case 'amount_negative':
      return t.amount.negative;
    case 'amount_exponent':
      return t.amount.exponent;
    case 'amount_invalid_characters':
      return t.amount.characters;
    case 'amount_malformed':
      return t.amount.malformed;
    case 'amount_too_many_decimals':
      return t.amount.decimals(rules.decimals);
    case 'amount_not_integer':
      return t.amount.malformed;
    case 'amount_below_minimum':
      return t.amount.minimum(formatMoney({ amount: rules.minAmount, currency }));
    case 'amount_above_maximum':
      return t.amount.maximum(formatMoney({ amount: rules.maxAmount, currency }));
  }
}

/**
 * An error from the main process in the cashier's words. The counts in PIN errors are read from the
 * message (the error carries only code and message today).
 */
export function errorText(t: CashierTexts, error: { readonly code: string; readonly message: string }): string {
  const n = (re: RegExp): number | null => {
    const m = re.exec(error.message);
    return m?.[1] ? Number(m[1]) : null;
  };
  switch (error.code) {
    case 'pin_invalid': {
      const left = n(/\((\d+) tries? left\)/);
      return left === null ? t.errors.pinInvalid : t.errors.pinInvalidLeft(left);
    }
    case 'pin_locked': {
      const minutes = n(/in (\d+) min/);
      return t.errors.pinLocked(minutes ?? 5);
    }
    case 'pin_not_set':
      return t.errors.pinNotSet;
    case 'pin_required':
      return t.errors.pinRequired;
    case 'new_pin_required':
      return t.errors.newPinRequired;
    case 'not_configured':
      return t.errors.notConfigured;
    case 'recovering':
      return t.errors.recovering;
    case 'opn_unavailable':
      return t.errors.opnUnavailable;
    case 'refund_exceeds':
      return t.errors.refundExceeds;
    case 'void_window_closed':
      return t.errors.voidWindowClosed;
    case 'sale_open':
      return t.errors.saleOpen;
    case 'not_found':
      return t.errors.notFound;
    default:
      return error.message;
  }
}

export function statusText(t: CashierTexts, status: SaleStatus): string {
  return t.status[status];
}
