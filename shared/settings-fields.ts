// The one list of the settings a manager may change, and what each one is: how it is kept (in clear,
// write-only, sealed by the SecretBox, or as a hash), whether changing it reopens the payment core and
// relay link, whether entering it leaves the demo, whether the demo brings it, whether the going-live
// wizard asks it, whether the Settings form edits it, and its default. The settings store, the public
// view, the Settings form's draft, the wizard and the settings handler all derive from it.
import { COUNTRY_RULES } from './money/currency';
import { DEFAULT_RECEIPT_SETTINGS } from './receipts';
import { QR_VALIDITY_MINUTES, type CashierLanguage, type DisplayLanguage, type SettingsUpdate } from './settings';

/**
 * - `clear`: stored and shown as it is;
 * - `write-only`: stored in clear, but the renderer learns only `<name>Set` (the form starts empty and
 *   sends it only when typed);
 * - `sealed`: like write-only, stored sealed by the SecretBox (`<name>Sealed` in the file);
 * - `hash`: like write-only, stored as a scrypt hash (`<name>Hash`).
 */
export type SettingKeep = 'clear' | 'write-only' | 'sealed' | 'hash';

/** A field's row; a flag that is absent is false, `keep` absent is 'clear'. */
export interface SettingSpec {
  readonly keep?: Exclude<SettingKeep, 'clear'>;
  /** A change reopens the payment core and the relay link (refused while a sale is open). */
  readonly core?: true;
  /** Entering it leaves the demo (real credentials). */
  readonly goesLive?: true;
  /** The demo launcher sets it; going live or back to the demo forgets it. */
  readonly demo?: true;
  /** Asked by the going-live wizard. */
  readonly wizard?: true;
  /** Edited in the Settings form (the others have screens of their own). */
  readonly form?: true;
  /** A secret bound to this address field: a new address forgets the secret. */
  readonly boundTo?: keyof SettingsUpdate;
  /** The value of a fresh terminal; undefined: absent until chosen. */
  readonly default: unknown;
}

export const SETTINGS_FIELDS = {
  shopName: { form: true, default: 'My Shop' },
  country: { form: true, core: true, default: 'SG' },
  timeZone: { form: true, default: COUNTRY_RULES.SG.defaultTimeZone },
  terminalId: { form: true, core: true, default: 'counter-1' },
  storeId: { form: true, core: true, default: 'store-1' },
  // The Opn keys, the forwarder and its token: the demo brings its own, the wizard asks for real ones.
  opnApiBase: { form: true, core: true, goesLive: true, demo: true, wizard: true, default: 'https://api.omise.co' },
  opnPublicKey: { form: true, keep: 'write-only', demo: true, wizard: true, default: '' },
  opnSecretKey: { form: true, keep: 'sealed', core: true, goesLive: true, demo: true, wizard: true, boundTo: 'opnApiBase', default: '' },
  forwarderUrl: { form: true, core: true, goesLive: true, demo: true, wizard: true, default: '' },
  forwarderToken: { form: true, keep: 'sealed', core: true, goesLive: true, demo: true, wizard: true, boundTo: 'forwarderUrl', default: '' },
  managerPin: { form: true, keep: 'hash', default: '' },
  displayLanguages: { form: true, default: ['ko', 'en'] as readonly DisplayLanguage[] },
  captureMode: { form: true, core: true, default: 'automatic' },
  cashierLanguage: { form: true, default: undefined as CashierLanguage | undefined },
  dayStartMinutes: { default: 0 },
  shareCustomerDisplay: { form: true, default: false },
  qrValidityMinutes: { form: true, default: QR_VALIDITY_MINUTES.default },
  displayCheckout: { form: true, default: 'hosted' },
  receipt: { form: true, default: DEFAULT_RECEIPT_SETTINGS },
  backupDir: { default: '' },
  backupKeepDays: { default: 60 },
} as const satisfies { readonly [K in keyof Required<SettingsUpdate>]: SettingSpec & { readonly default: Readonly<SettingsUpdate[K]> } };

export type SettingField = keyof typeof SETTINGS_FIELDS;
export const SETTING_FIELD_NAMES = Object.keys(SETTINGS_FIELDS) as SettingField[];

type Flag = 'core' | 'goesLive' | 'demo' | 'wizard' | 'form';
const specOf = (field: SettingField): SettingSpec => SETTINGS_FIELDS[field];

/** The fields with a flag set (`'core'`, `'wizard'`, …), in the list's order. */
export function settingFields(flag: Flag): SettingField[] {
  return SETTING_FIELD_NAMES.filter((k) => specOf(k)[flag] === true);
}

/** How the field is kept. */
export function keepOf(field: SettingField): SettingKeep {
  return specOf(field).keep ?? 'clear';
}

/** Whether the renderer sees only that the field is set (the field is sent, never read back). */
export function isWriteOnly(field: SettingField): field is WriteOnlySetting {
  return keepOf(field) !== 'clear';
}

/** The secret a new value of this address forgets, if any. */
export function secretBoundTo(address: SettingField): SettingField | null {
  return SETTING_FIELD_NAMES.find((k) => specOf(k).boundTo === address) ?? null;
}

type WithFlag<F extends keyof SettingSpec> = { [K in SettingField]: (typeof SETTINGS_FIELDS)[K] extends Record<F, unknown> ? K : never }[SettingField];
/** The fields the renderer sees only as `<name>Set`. */
export type WriteOnlySetting = WithFlag<'keep'>;
/** The fields the going-live wizard asks. */
export type WizardSetting = WithFlag<'wizard'>;
/** The fields the Settings form edits. */
export type FormSetting = WithFlag<'form'>;
/** `opnSecretKey` → `opnSecretKeySet`: what the public view says of a write-only field. */
export type SetFlag<K extends string> = `${K}Set`;
export const setFlag = <K extends WriteOnlySetting>(field: K): SetFlag<K> => `${field}Set`;
