// The sale screen's state machine (pure, so it is unit-tested): amount entry → starting → waiting →
// result → entry again. The reducer alone decides when a call to the terminal is made (`request`), so
// two presses in one frame (a double Enter, key repeat, a keypad sending Enter twice) make one call, and
// while a payment waits nothing but a deliberate cancel (Esc, the button) acts on it.
import type { AppError, Currency, Result, Sale } from '../../shared';
import { newerCopy, parseChargeAmount, type AmountResult } from '../../shared';
import { applyKey, type KeypadKey } from './amount-entry';

/** Longest text the amount field keeps (anything longer is a paste, not an amount). */
const MAX_FIELD = 24;
/** Sales whose early events are kept while a start runs (one is the sale being started). */
const EARLY_KEPT = 8;

/** A call the view makes to the terminal; set only by the reducer, cleared by its answer. */
export type SaleRequest =
  | { readonly kind: 'start'; readonly amount: number; readonly currency: Currency }
  | { readonly kind: 'cancel'; readonly saleId: string };

export interface SaleScreenState {
  readonly text: string;
  /** Charge was tried: an empty field now says why nothing happened. */
  readonly touched: boolean;
  readonly sale: Sale | null;
  readonly busy: 'creating' | 'cancelling' | null;
  readonly error: AppError | null;
  readonly request: SaleRequest | null;
  /**
   * Sale events that arrived while a start was running (the newest copy of each sale): the sale just
   * started can be paid, or fail, before `sale:start` answers; its answer is then merged with them.
   */
  readonly early: readonly Sale[];
}

export type SaleScreenAction =
  | { readonly type: 'typed'; readonly text: string }
  | { readonly type: 'keypad'; readonly key: KeypadKey }
  /** Enter in the amount field or the Charge button. */
  | { readonly type: 'charge'; readonly currency: Currency }
  | { readonly type: 'started'; readonly result: Result<Sale> }
  /** Esc anywhere on the screen: cancels a waiting payment, else leaves the result, else clears. */
  | { readonly type: 'escape' }
  /** The Cancel payment button. */
  | { readonly type: 'cancel' }
  | { readonly type: 'cancelled'; readonly result: Result<Sale> }
  | { readonly type: 'newSale' }
  /** A digit typed while a result is shown: the next sale starts with it. */
  | { readonly type: 'digitOnResult'; readonly key: KeypadKey }
  /** A copy of a sale from the terminal: an event, `sale:current`, a re-read, a capture's answer. */
  | { readonly type: 'saleSeen'; readonly sale: Sale; readonly from: 'event' | 'answer' }
  | { readonly type: 'failed'; readonly error: AppError };

export const initialSaleScreen: SaleScreenState = { text: '', touched: false, sale: null, busy: null, error: null, request: null, early: [] };

export const isOpen = (sale: Sale | null): boolean => sale !== null && (sale.status === 'creating' || sale.status === 'pending');

/**
 * The sale to show when a copy arrives. The "keep the newer sale" rule (`newerCopy`), the one place
 * both the answer path and the event path merge: a copy of the sale on screen never replaces a newer
 * one. An answer about another sale (the one just started, the terminal's current one) takes the
 * screen; an event about another sale does not.
 */
export function adopt(current: Sale | null, incoming: Sale, from: 'event' | 'answer'): Sale | null {
  if (current && current.id === incoming.id) return newerCopy(current, incoming);
  return from === 'answer' ? incoming : current;
}

/**
 * A till (POS link) started a sale while the cashier is free: nothing starting, cancelling or waiting on
 * this screen. It takes the screen by itself, over a shown result or a half-typed amount (the till's sale
 * is already running at the terminal; the cashier sees it and may cancel it). Events of other sales never
 * take the screen: a late copy of an old sale must not bring it back.
 */
function tillSaleTakesScreen(s: SaleScreenState, incoming: Sale): boolean {
  if (!incoming.origin || !isOpen(incoming) || s.request !== null || s.busy !== null) return false;
  if (s.sale?.id === incoming.id) return false;
  return !isOpen(s.sale) && s.sale?.status !== 'authorized';
}

/** The till that asked for the sale on screen, while its amount is the terminal's, not the field's. */
export function tillOf(s: SaleScreenState): Sale['origin'] {
  return s.sale && (isOpen(s.sale) || s.sale.status === 'authorized') ? (s.sale.origin ?? null) : null;
}

/** What the view derives from the state. */
export interface SaleScreenView {
  readonly parsed: AmountResult;
  /** Keypad, field and Charge are off: a call is running or a payment waits (or awaits capture). */
  readonly locked: boolean;
  /** A result (paid, failed, …) is on screen: Charge waits for a new amount. */
  readonly showingResult: boolean;
  /** The field's reason line shows the parse error (not the hint). */
  readonly showReason: boolean;
}

const locked = (s: SaleScreenState): boolean => s.busy !== null || isOpen(s.sale) || s.sale?.status === 'authorized';

export function viewOf(s: SaleScreenState, currency: Currency): SaleScreenView {
  const parsed = parseChargeAmount(s.text, currency);
  const off = locked(s);
  return {
    parsed,
    locked: off,
    showingResult: s.sale !== null && !off,
    showReason: !parsed.ok && (s.touched || s.text !== '') && !(parsed.error.code === 'amount_empty' && !s.touched),
  };
}

const fresh = (s: SaleScreenState): SaleScreenState => ({ ...s, sale: null, error: null, text: '', touched: false });

function cancel(s: SaleScreenState): SaleScreenState {
  if (!s.sale || !isOpen(s.sale) || s.busy !== null) return s;
  return { ...s, busy: 'cancelling', request: { kind: 'cancel', saleId: s.sale.id } };
}

export function saleScreenReducer(s: SaleScreenState, a: SaleScreenAction): SaleScreenState {
  switch (a.type) {
    case 'typed':
      if (locked(s)) return s;
      return { ...s, sale: null, error: null, text: a.text.slice(0, MAX_FIELD) };
    case 'keypad':
      if (locked(s)) return s;
      return { ...s, sale: null, error: null, text: applyKey(s.sale ? '' : s.text, a.key), ...(s.sale ? { touched: false } : {}) };
    case 'charge': {
      // A second press while a payment starts, waits or is shown: nothing (the guard of #18's double Enter).
      if (locked(s) || s.sale !== null) return s;
      const parsed = parseChargeAmount(s.text, a.currency);
      if (!parsed.ok) return { ...s, touched: true };
      return { ...s, touched: true, error: null, busy: 'creating', request: { kind: 'start', amount: parsed.value, currency: a.currency } };
    }
    case 'started': {
      if (s.request?.kind !== 'start') return s;
      if (!a.result.ok) return { ...s, busy: null, request: null, early: [], error: a.result.error };
      const answer = a.result.value;
      const early = s.early.find((x) => x.id === answer.id);
      // The sale holds its amount now; the field is for the next one.
      return { ...s, busy: null, request: null, early: [], sale: adopt(adopt(s.sale, answer, 'answer'), early ?? answer, 'event'), text: '', touched: false };
    }
    case 'escape':
      if (isOpen(s.sale)) return cancel(s);
      if (s.busy !== null) return s;
      if (s.sale) return fresh(s);
      return { ...s, text: '', touched: false, error: null };
    case 'cancel':
      return cancel(s);
    case 'cancelled':
      if (s.request?.kind !== 'cancel') return s;
      if (!a.result.ok) return { ...s, busy: null, request: null, error: a.result.error };
      return { ...s, busy: null, request: null, sale: adopt(s.sale, a.result.value, 'answer') };
    case 'newSale':
      return locked(s) ? s : fresh(s);
    case 'digitOnResult':
      if (locked(s) || s.sale === null) return s;
      return { ...fresh(s), text: applyKey('', a.key) };
    case 'saleSeen': {
      if (a.from === 'event' && tillSaleTakesScreen(s, a.sale)) return { ...s, sale: a.sale, error: null, text: '', touched: false };
      const sale = adopt(s.sale, a.sale, a.from);
      if (a.from !== 'event' || s.request?.kind !== 'start') return { ...s, sale };
      const before = s.early.find((x) => x.id === a.sale.id);
      const kept = before ? newerCopy(before, a.sale) : a.sale;
      return { ...s, sale, early: [...s.early.filter((x) => x.id !== a.sale.id), kept].slice(-EARLY_KEPT) };
    }
    case 'failed':
      return { ...s, error: a.error };
    default: {
      const never: never = a;
      return never;
    }
  }
}
