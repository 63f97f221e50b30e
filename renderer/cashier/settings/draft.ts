// The Settings form's draft: built from the public settings, and turned back into only what changed.
import type { CashierLanguage, Country, DisplayLanguage, PublicSettings, SettingsUpdate } from '../../../shared';
import { defaultCashierLanguage } from '../../../shared';
import type { ReceiptSettings, ReceiptSettingsUpdate } from '../../../shared';

/** Receipts & printer as edited: the port as typed (checked by the schema once it is a number). */
export type ReceiptDraft = Omit<ReceiptSettings, 'printerPort'> & { printerPort: string };

export type Draft = {
  shopName: string;
  country: Country;
  timeZone: string;
  terminalId: string;
  storeId: string;
  opnApiBase: string;
  opnPublicKey: string;
  opnSecretKey: string;
  forwarderUrl: string;
  forwarderToken: string;
  managerPin: string;
  displayLanguages: DisplayLanguage[];
  captureMode: 'automatic' | 'manual';
  shareCustomerDisplay: boolean;
  displayCheckout: PublicSettings['displayCheckout'];
  qrValidityMinutes: number;
  cashierLanguage: CashierLanguage;
  receipt: ReceiptDraft;
};

export function draftOf(s: PublicSettings): Draft {
  return {
    shopName: s.shopName,
    country: s.country,
    timeZone: s.timeZone,
    terminalId: s.terminalId,
    storeId: s.storeId,
    opnApiBase: s.opnApiBase,
    opnPublicKey: '',
    opnSecretKey: '',
    forwarderUrl: s.forwarderUrl,
    forwarderToken: '',
    managerPin: '',
    displayLanguages: [...s.displayLanguages],
    captureMode: s.captureMode,
    shareCustomerDisplay: s.shareCustomerDisplay,
    displayCheckout: s.displayCheckout,
    qrValidityMinutes: s.qrValidityMinutes,
    cashierLanguage: s.cashierLanguage ?? defaultCashierLanguage(s.country),
    receipt: { ...s.receipt, printerPort: String(s.receipt.printerPort) },
  };
}

/** Only what changed; empty secret fields mean "keep the stored one". */
export function patchOf(d: Draft, s: PublicSettings): SettingsUpdate {
  const p: SettingsUpdate = {};
  if (d.shopName !== s.shopName) p.shopName = d.shopName;
  if (d.country !== s.country) p.country = d.country;
  if (d.timeZone !== s.timeZone) p.timeZone = d.timeZone;
  if (d.terminalId !== s.terminalId) p.terminalId = d.terminalId;
  if (d.storeId !== s.storeId) p.storeId = d.storeId;
  if (d.opnApiBase !== s.opnApiBase) p.opnApiBase = d.opnApiBase;
  if (d.opnPublicKey) p.opnPublicKey = d.opnPublicKey.trim();
  if (d.opnSecretKey) p.opnSecretKey = d.opnSecretKey.trim();
  if (d.forwarderUrl !== s.forwarderUrl) p.forwarderUrl = d.forwarderUrl.trim();
  if (d.forwarderToken) p.forwarderToken = d.forwarderToken.trim();
  if (d.managerPin) p.managerPin = d.managerPin;
  // With a new country the languages on screen are sent as they are, so the store does not add
  // (or drop) Thai on its own behind a box the manager unticked.
  if (d.displayLanguages.join() !== s.displayLanguages.join() || p.country) p.displayLanguages = d.displayLanguages;
  if (d.captureMode !== s.captureMode) p.captureMode = d.captureMode;
  if (d.shareCustomerDisplay !== s.shareCustomerDisplay) p.shareCustomerDisplay = d.shareCustomerDisplay;
  if (d.displayCheckout !== s.displayCheckout) p.displayCheckout = d.displayCheckout;
  if (d.qrValidityMinutes !== s.qrValidityMinutes) p.qrValidityMinutes = d.qrValidityMinutes;
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
