// The Settings form's draft: built from the public settings, and turned back into only what changed; its
// fields are those SETTINGS_FIELDS (shared/settings-fields.ts) marks `form`.
import type { CashierLanguage, DisplayLanguage, FormSetting, PublicSettings, SettingField, SettingsUpdate, WriteOnlySetting } from '../../../shared';
import { defaultCashierLanguage, isWriteOnly, keepOf, settingFields } from '../../../shared';
import type { ReceiptSettings, ReceiptSettingsUpdate } from '../../../shared';

/** Receipts & printer as edited: the port as typed (checked by the schema once it is a number). */
export type ReceiptDraft = Omit<ReceiptSettings, 'printerPort'> & { printerPort: string };

/** Fields the form edits in a shape of their own (a list, a language with a default, the receipt). */
type Shaped = 'displayLanguages' | 'cashierLanguage' | 'receipt';
type Plain = Exclude<FormSetting, WriteOnlySetting | Shaped>;

/** One entry per field the Settings form edits (SETTINGS_FIELDS' `form`); write-only fields start empty. */
export type Draft = { -readonly [K in Plain]: PublicSettings[K] } & { [K in Extract<FormSetting, WriteOnlySetting>]: string } & {
  displayLanguages: DisplayLanguage[];
  cashierLanguage: CashierLanguage;
  receipt: ReceiptDraft;
};

const SHAPED: readonly SettingField[] = ['displayLanguages', 'cashierLanguage', 'receipt'];
const plainFields = (): SettingField[] => settingFields('form').filter((k) => !SHAPED.includes(k));

export function draftOf(s: PublicSettings): Draft {
  const plain = Object.fromEntries(plainFields().map((k) => [k, isWriteOnly(k) ? '' : s[k as Plain]]));
  return {
    ...(plain as Omit<Draft, Shaped>),
    displayLanguages: [...s.displayLanguages],
    cashierLanguage: s.cashierLanguage ?? defaultCashierLanguage(s.country),
    receipt: { ...s.receipt, printerPort: String(s.receipt.printerPort) },
  };
}

/** Only what changed; empty write-only fields mean "keep the stored one". Text is sent trimmed, a PIN as typed. */
export function patchOf(d: Draft, s: PublicSettings): SettingsUpdate {
  const p: Record<string, unknown> = {};
  for (const k of plainFields()) {
    const typed = (d as Record<string, unknown>)[k];
    const value = typeof typed === 'string' && keepOf(k) !== 'hash' ? typed.trim() : typed;
    if (isWriteOnly(k) ? value !== '' : value !== s[k as Plain]) p[k] = value;
  }
  // With a new country the languages on screen are sent as they are, so the store does not add
  // (or drop) Thai on its own behind a box the manager unticked.
  if (d.displayLanguages.join() !== s.displayLanguages.join() || p.country) p.displayLanguages = d.displayLanguages;
  if (d.cashierLanguage !== (s.cashierLanguage ?? defaultCashierLanguage(d.country))) p.cashierLanguage = d.cashierLanguage;
  const receipt = receiptPatchOf(d.receipt, s.receipt);
  if (receipt) p.receipt = receipt;
  return p;
}

/** The receipt fields that changed, or null; a port that is not a whole number is sent as NaN (refused). */
export function receiptPatchOf(d: ReceiptDraft, s: ReceiptSettings): ReceiptSettingsUpdate | null {
  const next: ReceiptSettings = { ...d, printerPort: /^\d{1,5}$/.test(d.printerPort.trim()) ? Number(d.printerPort.trim()) : Number.NaN };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ReceiptSettings)[]) {
    if (next[key] !== s[key]) out[key] = next[key];
  }
  // A network printer is always sent with its kind and host, so the shared schema can say on screen
  // when the host is missing.
  if (next.printerKind === 'escpos' && ('printerKind' in out || 'printerHost' in out)) Object.assign(out, { printerKind: 'escpos', printerHost: next.printerHost });
  return Object.keys(out).length > 0 ? out : null;
}
