// What the cashier window says, per cashier language. Amounts are formatted by shared/money (the
// shop's currency), counts by Intl.PluralRules; errors are worded here by their code, with the main
// process's own message kept as the fallback for a code this list does not know.
import type { AmountError } from '../money/parse';
import { formatMoney } from '../money/format';
import { COUNTRY_RULES, type Country, type Currency } from '../money/currency';
import { MAX_INPUT_LENGTH } from '../money/parse';
import type { AppError } from '../result';
import { missingCase } from '../result';
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
 * The cashier window's one code → text mapping: an error from the main process in the cashier's words.
 * Every AppErrorCode is a case (the compiler checks); codes whose specifics only the main process knows
 * (which sale, Opn's reason, the Z blockers) show its message.
 */
export function errorText(t: CashierTexts, error: AppError): string {
  switch (error.code) {
    case 'pin_invalid': {
      const left = error.data?.remaining;
      return left === undefined ? t.errors.pinInvalid : t.errors.pinInvalidLeft(left);
    }
    case 'pin_locked':
      return t.errors.pinLocked(Math.max(1, Math.ceil((error.data?.retryAfterMs ?? 300_000) / 60_000)));
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
    case 'disk_full':
      return t.errors.diskFull;
    case 'store_unwritable':
      return t.errors.storeUnwritable;
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
    case 'printer_not_configured':
      return t.receipts.errors.printerNotConfigured;
    case 'printer_unreachable':
    case 'printer_timeout':
    case 'printer_closed':
      return t.receipts.errors.printerUnreachable;
    case 'printer_failed':
      return t.receipts.errors.printerFailed;
    case 'sale_not_found':
      return t.receipts.errors.saleNotFound;
    case 'refund_not_found':
      return t.receipts.errors.refundNotFound;
    case 'unknown_channel':
    case 'forbidden':
    case 'invalid_input':
    case 'invalid_amount':
    case 'invalid_currency':
    case 'invalid_state':
    case 'opn_error':
    case 'unavailable':
    case 'closed':
    case 'insecure_destination':
    case 'settings_invalid':
    case 'db_corrupt':
    case 'db_from_future':
    case 'invalid_format':
    case 'z_refused':
    case 'print_failed':
    case 'export_failed':
    case 'disconnected':
    case 'timeout':
    case 'internal':
      return error.message;
    default:
      return missingCase(error.code);
  }
}

export function statusText(t: CashierTexts, status: SaleStatus): string {
  return t.status[status];
}
