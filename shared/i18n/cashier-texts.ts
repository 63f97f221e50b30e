// What the cashier window says, per cashier language. Amounts are formatted by shared/money (the
// shop's currency), counts by Intl.PluralRules, dates by ./dates; errors are worded here from their
// code and data only (the main process's message is English for the log).
import type { AmountError } from '../money/parse';
import { formatMoney } from '../money/format';
import { COUNTRY_RULES, type Country, type Currency } from '../money/currency';
import { MAX_INPUT_LENGTH } from '../money/parse';
import type { AppError } from '../result';
import type { CheckResult } from '../ipc/contract';
import { missingCase } from '../result';
import type { SaleStatus } from '../domain';
import type { MismatchSide, ZBlocker } from '../reports';
import { CURRENCIES } from '../money/currency';
import { SALE_STATUSES } from '../domain';
import { parseAttention, type Attention } from './attention';
import { formatDateTime, formatBusinessDay } from './dates';
import { EN } from './cashier-texts-en';
import { KO } from './cashier-texts-ko';
import { TH } from './cashier-texts-th';
import type { CashierTexts } from './cashier-texts-type';

export type { CashierTexts } from './cashier-texts-type';

import type { CashierLanguage } from '../settings';
export { CASHIER_LANGUAGES, type CashierLanguage } from '../settings';

/** Each language by its own name, as language pickers show them (the same in every cashier language). */
export const CASHIER_LANGUAGE_NAMES: Readonly<Record<CashierLanguage, string>> = { en: 'English', th: 'ไทย', ko: '한국어' };

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

/** Field keys the main process may name (settings keys, receipt.* paths) → the label on screen. */
function fieldLabel(t: CashierTexts, field: string | undefined): string | null {
  if (!field) return null;
  const key = field.split('.').pop() ?? field;
  const labels: Readonly<Record<string, string>> = {
    shopName: t.settings.shopName,
    country: t.settings.country,
    timeZone: t.settings.timeZone,
    terminalId: t.settings.terminalId,
    storeId: t.settings.storeId,
    opnApiBase: t.settings.opnApiBase,
    opnPublicKey: t.settings.opnPublicKey,
    opnSecretKey: t.settings.opnSecretKey,
    forwarderUrl: t.settings.forwarderUrl,
    forwarderToken: t.settings.forwarderToken,
    managerPin: t.settings.pin,
    displayLanguages: t.settings.displayLanguages,
    cashierLanguage: t.settings.cashierLanguage,
    captureMode: t.settings.capture,
    displayCheckout: t.checkout.display,
    qrValidityMinutes: t.checkout.validFor,
    pin: t.settings.pin,
    amount: t.amount.label,
  };
  return labels[key] ?? null;
}

/** One Z blocker in the cashier's words; times in the shop's zone and the language's calendar. */
export function blockerText(t: CashierTexts, b: ZBlocker, timeZone: string): string {
  switch (b.kind) {
    case 'already_closed':
      return t.blockers.alreadyClosed(b.zNumber ?? 0);
    case 'day_not_over':
      return t.blockers.dayNotOver(b.until ? formatDateTime(t.language, b.until, timeZone) : '');
    case 'open_sale':
      return t.blockers.openSale(b.saleId ?? '', t.status[b.status ?? 'pending']);
    case 'needs_attention':
      return t.blockers.needsAttention(b.saleId ?? '');
    case 'refund_in_flight':
      return t.blockers.refundInFlight(b.saleId ?? '');
    case 'relay_unacked':
      return b.count === null || b.count === undefined ? t.blockers.relayDown : t.blockers.relayHolds(b.count);
    default:
      return missingCase(b.kind);
  }
}

/**
 * The cashier window's one code → text mapping: an error from the main process in the cashier's words,
 * from its code and data only. Every AppErrorCode is a case (the compiler checks); the main process's
 * `message` is English for the log and never shown.
 */
export function errorText(t: CashierTexts, error: AppError, currency?: Currency): string {
  const d = error.data ?? {};
  const c = t.codes;
  switch (error.code) {
    case 'pin_invalid':
      return d.remaining === undefined ? t.errors.pinInvalid : t.errors.pinInvalidLeft(d.remaining);
    case 'pin_locked':
      return t.errors.pinLocked(Math.max(1, Math.ceil((d.retryAfterMs ?? 300_000) / 60_000)));
    case 'pin_not_set':
      return t.errors.pinNotSet;
    case 'pin_required':
      return d.reason === 'set_pin_first' ? c.setPinFirst : t.errors.pinRequired;
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
      return d.httpStatus !== undefined ? c.opnBusy(d.httpStatus) : t.errors.opnUnavailable;
    case 'refund_exceeds':
      return t.errors.refundExceeds;
    case 'void_window_closed':
      return t.errors.voidWindowClosed;
    case 'sale_open':
      return d.reason === 'settings_change' ? c.saleOpenSettings : d.reason === 'back_to_demo' ? c.saleOpenDemo : t.errors.saleOpen;
    case 'not_found':
      return d.reason === 'export_gone' ? c.exportGone : t.errors.notFound;
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
    case 'pos_link_unavailable':
      return t.posLink.unavailable;
    case 'unknown_channel':
      return c.unknownChannel;
    case 'forbidden':
      return d.reason === 'display_read_only' ? c.displayReadOnly : c.forbidden;
    case 'invalid_input': {
      const label = fieldLabel(t, d.field);
      return label ? c.invalidField(label) : c.invalidInput;
    }
    case 'invalid_amount': {
      const cur = d.currency ?? currency;
      return d.amountCode && cur ? amountErrorText(t, { code: d.amountCode, message: '' }, cur) : c.invalidAmount;
    }
    case 'invalid_currency':
      return c.invalidCurrency(d.currency ?? currency ?? '');
    case 'invalid_state':
      if (d.reason === 'no_charge') return c.noCharge;
      if (d.reason === 'not_paid') return c.notPaid;
      if (d.reason === 'no_attention') return c.noAttention;
      return c.invalidState(d.status ? t.status[d.status] : '');
    case 'opn_error':
      return c.opnError(d.opnCode ?? null);
    case 'unavailable':
      switch (d.reason) {
        case 'no_demo':
          return c.noDemo;
        case 'browser_exports':
          return c.browserExports;
        case 'no_reports':
          return c.noReports;
        case 'printing_starting':
          return c.printingStarting;
        default:
          return c.unavailable;
      }
    case 'closed':
      return c.closed;
    case 'insecure_destination':
      return d.reason === 'live_forwarder_wss' ? c.liveForwarderWss : c.liveKeyOrigin;
    case 'settings_invalid':
      return c.settingsInvalid;
    case 'db_corrupt':
      return c.dbCorrupt;
    case 'db_from_future':
      return c.dbFromFuture(d.fileVersion ?? null, d.codeVersion ?? null);
    case 'invalid_format':
      return c.invalidFormat;
    case 'z_refused': {
      const day = d.day ? formatBusinessDay(t.language, d.day) : '';
      return d.reason === 'changed_while_closing' ? c.zChanged(day) : c.zRefused(day);
    }
    case 'print_failed':
      return d.reason === 'store_pdf' ? c.storePdfFailed : d.reason === 'chromium_start' ? c.chromiumStart : c.printFailed;
    case 'export_failed':
      return c.exportFailed(d.sysCode ?? null);
    case 'disconnected':
      return c.disconnected;
    case 'timeout':
      return c.timeout;
    case 'internal':
      return c.internal(d.ref ?? null);
    default:
      return missingCase(error.code);
  }
}

export function statusText(t: CashierTexts, status: SaleStatus): string {
  return t.status[status];
}

/** One "Test connection" line in the cashier's words, from its code and figures. */
export function checkText(t: CashierTexts, r: CheckResult): string {
  const c = t.checks;
  const mode = r.mode === 'live' ? c.modeLive : c.modeTest;
  const net = r.net === 'timeout' ? c.netTimeout : r.net === 'refused' ? c.netRefused : r.net === 'unknown_host' ? c.netUnknownHost : c.netOther(r.net && r.net !== 'network' ? r.net : null);
  const status = r.httpStatus ?? 0;
  const host = r.host ?? '';
  switch (r.code) {
    case 'opn_no_secret':
      return c.opnNoSecret;
    case 'opn_secret_refused':
      return c.opnSecretRefused;
    case 'opn_http':
      return c.opnHttp(status);
    case 'opn_not_opn':
      return c.opnNotOpn;
    case 'opn_public_mode':
      return c.opnPublicMode(mode);
    case 'opn_public_refused':
      return c.opnPublicRefused;
    case 'opn_capability_http':
      return c.opnCapabilityHttp(status);
    case 'opn_no_kakaopay':
      return c.opnNoKakaopay;
    case 'opn_ok_both':
      return c.opnOkBoth(mode);
    case 'opn_ok_secret':
      return c.opnOkSecret(mode);
    case 'opn_unreachable':
      return c.opnUnreachable(host, net);
    case 'fwd_no_url':
      return c.fwdNoUrl;
    case 'fwd_no_token':
      return c.fwdNoToken;
    case 'fwd_bad_url':
      return c.fwdBadUrl;
    case 'fwd_health_http':
      return c.fwdHealthHttp(status);
    case 'fwd_unreachable':
      return c.fwdUnreachable(host, net);
    case 'fwd_connected':
      return c.fwdConnected;
    case 'fwd_token_ok':
      return c.fwdTokenOk;
    case 'fwd_token_refused':
      return c.fwdTokenRefused(r.terminal ?? '', status);
    case 'fwd_refused_http':
      return c.fwdRefusedHttp(status);
    case 'fwd_ws_failed':
      return c.fwdWsFailed(net);
    case undefined:
      return c.unknown;
    default:
      return missingCase(r.code);
  }
}

/** Why a sale needs attention, in the cashier's words (the log stores an English sentence; see ./attention). */
export function attentionText(t: CashierTexts, reason: string | null): string {
  return reason ? attentionWords(t, parseAttention(reason)) : t.sale.attentionDefault;
}

function attentionWords(t: CashierTexts, a: Attention): string {
  switch (a.kind) {
    case 'paid_after_close':
      return t.attention.paidAfterClose;
    case 'expire_refused':
      return t.attention.expireRefused;
    case 'second_charge':
      return t.attention.secondCharge;
    case 'second_refunded':
      return t.attention.secondRefunded(a.chargeId);
    case 'opn_status':
      return t.attention.opnStatus((SALE_STATUSES as readonly string[]).includes(a.status) ? t.status[a.status as SaleStatus] : a.status);
    case 'accepted':
      return t.attention.accepted(a.before.kind === 'unknown' ? '' : attentionWords(t, a.before)).trim();
    case 'unknown':
      return t.sale.attentionDefault;
    default:
      return missingCase(a);
  }
}

/** One side of a reconciliation difference in the cashier's words: status, money, or the other charge id. */
export function mismatchSideText(t: CashierTexts, side: MismatchSide | undefined, fallback: string | null): string {
  if (!side) return fallback ?? '—';
  const money = (n: number): string =>
    side.currency && (CURRENCIES as readonly string[]).includes(side.currency) ? formatMoney({ amount: n, currency: side.currency as Currency }) : `${n} ${side.currency ?? ''}`.trim();
  const parts: string[] = [];
  if (side.status) parts.push((SALE_STATUSES as readonly string[]).includes(side.status) ? t.status[side.status as SaleStatus] : side.status);
  if (side.notAuthorized) parts.push(t.reconcile.notAuthorized);
  if (side.amount !== undefined) parts.push(money(side.amount));
  if (side.refunded !== undefined) parts.push(`${t.detail.refunded} ${money(side.refunded)}`);
  if (side.chargeId) parts.push(side.chargeId);
  return parts.length ? parts.join(' · ') : (fallback ?? '—');
}
