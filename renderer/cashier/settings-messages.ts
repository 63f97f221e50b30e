// What a manager reads under a Settings field the schema refuses: what is expected and where it
// comes from, in the cashier's language (the validator's own words are never shown).
import type { CashierTexts } from '../../shared';

/** The message for a refused field (a generic one for a field without its own). */
export function settingsFieldMessage(t: CashierTexts, field: string): string {
  const f = t.fields;
  const messages: Readonly<Record<string, string>> = {
    shopName: f.shopName,
    country: f.country,
    timeZone: f.timeZone,
    terminalId: f.identifier,
    storeId: f.identifier,
    opnApiBase: f.opnApiBase,
    opnPublicKey: f.opnPublicKey,
    opnSecretKey: f.opnSecretKey,
    forwarderUrl: f.forwarderUrl,
    forwarderToken: f.forwarderToken,
    managerPin: f.managerPin,
    displayLanguages: f.displayLanguages,
    captureMode: f.captureMode,
    cashierLanguage: f.cashierLanguage,
  };
  return messages[field] ?? f.invalid;
}
