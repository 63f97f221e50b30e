// The terminal's settings: one JSON file in the data folder, validated with zod on every read.
// The fields, their defaults and how each is kept come from SETTINGS_FIELDS (shared/settings-fields.ts):
// secrets (Opn secret key, forwarder token) are sealed by a SecretBox, the manager PIN is kept only as a
// scrypt hash (hashPin, from app/manager-pin). The renderer only ever sees `PublicSettings` (whether a
// secret is set). The zod schema below is the file's format.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CASHIER_LANGUAGES, COUNTRIES, COUNTRY_RULES, DISPLAY_CHECKOUTS, DISPLAY_LANGUAGES, MANUAL_CAPTURE_SUPPORT, QR_VALIDITY_MINUTES } from '../../shared';
import type { DisplayLanguage, ManualCaptureSupport, PublicSettings, SettingField, SettingsAttention, SettingsUpdate } from '../../shared';
import { DEFAULT_RECEIPT_SETTINGS, SETTINGS_FIELDS, SETTING_FIELD_NAMES, inDisplayOrder, isWriteOnly, keepOf, opnTestKeys, receiptSettingsSchema, secretBoundTo, setFlag, settingFields } from '../../shared';
import type { ReceiptSettings, ReceiptSettingsUpdate } from '../../shared';
import { destinationPolicy, destinationProblem, type DestinationPolicy } from './destination-rule';
import type { SecretBox } from './ports';

export const SETTINGS_FILE = 'settings.json';

const storedSchema = z.strictObject({
  version: z.literal(1),
  shopName: z.string().min(1).max(80),
  country: z.enum(COUNTRIES),
  timeZone: z.string().min(1).max(64),
  terminalId: z.string().min(1).max(64),
  storeId: z.string().min(1).max(64),
  opnApiBase: z.string().max(300),
  opnPublicKey: z.string().max(200),
  /** Sealed by the SecretBox; '' when unset. */
  opnSecretKeySealed: z.string().max(4000),
  forwarderUrl: z.string().max(300),
  forwarderTokenSealed: z.string().max(4000),
  managerPinHash: z.string().max(400),
  displayLanguages: z.array(z.enum(DISPLAY_LANGUAGES)).min(1).max(3),
  captureMode: z.enum(['automatic', 'manual']),
  /** Absent until a manager chooses one (additive: older files stay valid). */
  cashierLanguage: z.enum(CASHIER_LANGUAGES).optional(),
  dayStartMinutes: z.number().int().min(0).max(719),
  shareCustomerDisplay: z.boolean(),
  // Added later: files written before them parse with the defaults.
  qrValidityMinutes: z.number().int().min(QR_VALIDITY_MINUTES.min).max(QR_VALIDITY_MINUTES.max).default(QR_VALIDITY_MINUTES.default),
  displayCheckout: z.enum(DISPLAY_CHECKOUTS).default('hosted'),
  receipt: receiptSettingsSchema.default(DEFAULT_RECEIPT_SETTINGS),
  manualCapture: z.enum(MANUAL_CAPTURE_SUPPORT).default('unknown'),
  backupDir: z.string().max(500).default(''),
  backupKeepDays: z.number().int().min(1).max(3650).default(60),
  mode: z.enum(['demo', 'live']),
});
export type StoredSettings = z.infer<typeof storedSchema>;

/** Where a field lives in the file: sealed secrets and hashes under their own names. */
type StoredKey = keyof StoredSettings;
function storedKey(field: SettingField): StoredKey {
  const keep = keepOf(field);
  return (keep === 'sealed' ? `${field}Sealed` : keep === 'hash' ? `${field}Hash` : field) as StoredKey;
}

// A fresh terminal: each field's default (an unset secret is ''), live until a demo launcher says otherwise.
export const DEFAULT_SETTINGS: StoredSettings = storedSchema.parse({
  version: 1,
  ...Object.fromEntries(SETTING_FIELD_NAMES.filter((k) => SETTINGS_FIELDS[k].default !== undefined).map((k) => [storedKey(k), SETTINGS_FIELDS[k].default])),
  manualCapture: 'unknown',
  mode: 'live',
});

export class SettingsFileError extends Error {
  readonly code = 'settings_invalid';
  constructor(file: string, detail: string) {
    super(`The settings file ${file} is not valid (${detail}). Fix or remove it; nothing was changed.`);
    this.name = 'SettingsFileError';
  }
}

/** Secrets in clear, for the main process only (the core and the relay client). */
export interface SettingsSecrets {
  readonly opnSecretKey: string;
  readonly forwarderToken: string;
}

/** Fields only the main process sets (the demo launcher): never reachable from the renderer. */
export interface InternalSettingsUpdate {
  readonly mode?: 'demo' | 'live';
  /** Leaving the demo: forget the embedded sandbox's address and keys and the demo forwarder first. */
  readonly forgetDemoCredentials?: boolean;
  /** What the account showed about manual capture (the core's fallback, a proven authorize-only charge). */
  readonly manualCapture?: ManualCaptureSupport;
}

export interface SettingsStore {
  readonly file: string;
  get(): StoredSettings;
  publicView(): PublicSettings;
  secrets(): SettingsSecrets;
  /** Why these settings may not be used (a secret would go where it may not), or null. */
  attention(): SettingsAttention | null;
  update(patch: SettingsUpdate, internal?: InternalSettingsUpdate): StoredSettings;
}

export function openSettingsStore(options: { dataDir: string; secretBox: SecretBox; hashPin: (pin: string) => string; destinations?: DestinationPolicy }): SettingsStore {
  const policy = options.destinations ?? destinationPolicy();
  const file = path.join(options.dataDir, SETTINGS_FILE);
  let current = existsSync(file) ? read(file) : DEFAULT_SETTINGS;
  // A sealed secret that cannot be opened (damaged, or sealed on another machine) is a damaged file,
  // refused now with the typed error rather than later by whatever first needs the secret.
  for (const key of ['opnSecretKeySealed', 'forwarderTokenSealed'] as const) {
    try {
      if (current[key] !== '') options.secretBox.decrypt(current[key]);
    } catch {
      throw new SettingsFileError(file, `${key}: cannot be opened with this machine's key`);
    }
  }

  const open = (sealed: string): string => (sealed === '' ? '' : options.secretBox.decrypt(sealed));
  // The destination rule on what was read, whatever wrote the file (an editor, a restore, another
  // build): a refused file is kept as it is and reported, and nothing is sent with it.
  const check = (s: StoredSettings): SettingsAttention | null =>
    destinationProblem({ mode: s.mode, opnSecretKey: open(s.opnSecretKeySealed), opnApiBase: s.opnApiBase, forwarderUrl: s.forwarderUrl }, policy);
  let attention = check(current);

  /** A patched field as the file keeps it; `next` is the settings being built (a new address forgets its secret). */
  const stored = <K extends SettingField>(k: K, value: NonNullable<SettingsUpdate[K]>, next: StoredSettings): unknown => {
    switch (keepOf(k)) {
      case 'sealed':
        return options.secretBox.encrypt(value as string);
      case 'hash':
        return options.hashPin(value as string);
      default:
        break;
    }
    if (k === 'displayLanguages') return inDisplayOrder(value as DisplayLanguage[]);
    if (k === 'receipt') return mergeReceipt(next.receipt, value as ReceiptSettingsUpdate);
    const clean = k === 'opnApiBase' ? (value as string).replace(/\/+$/, '') : value;
    // A secret is bound to where it is sent: a new address forgets the old secret (enter it again).
    const secret = secretBoundTo(k);
    if (secret && clean !== next[k as StoredKey]) Object.assign(next, { [storedKey(secret)]: '' });
    return clean;
  };

  return {
    file,
    get: () => current,
    publicView: () => ({ ...toPublic(current, opnTestKeys(open(current.opnSecretKeySealed), current.opnPublicKey)), ...(attention ? { attention } : {}) }),
    secrets: () => ({ opnSecretKey: open(current.opnSecretKeySealed), forwarderToken: open(current.forwarderTokenSealed) }),
    attention: () => attention,
    update(patch, internal = {}) {
      const next: StoredSettings = { ...current };
      if (internal.forgetDemoCredentials) {
        for (const k of settingFields('demo')) Object.assign(next, { [storedKey(k)]: DEFAULT_SETTINGS[storedKey(k)] });
      }
      for (const k of SETTING_FIELD_NAMES) {
        const value = patch[k];
        if (value !== undefined) Object.assign(next, { [storedKey(k)]: stored(k, value, next) });
      }
      if (patch.country !== undefined && patch.country !== current.country) followCountry(next, patch);
      // Another account (address or key): what the old one showed about manual capture no longer holds.
      if (next.opnApiBase !== current.opnApiBase || patch.opnSecretKey !== undefined) next.manualCapture = 'unknown';
      if (internal.manualCapture !== undefined) next.manualCapture = internal.manualCapture;
      if (internal.mode !== undefined) next.mode = internal.mode;
      const checked = storedSchema.parse(next);
      write(file, checked);
      current = checked;
      attention = check(current);
      return current;
    },
  };
}

/** Only the sent fields change (the settings handler refuses a network printer left without a host). */
export function mergeReceipt(current: ReceiptSettings, patch: ReceiptSettingsUpdate): ReceiptSettings {
  const next = { ...current };
  for (const key of Object.keys(patch) as (keyof ReceiptSettingsUpdate)[]) {
    if (patch[key] !== undefined) Object.assign(next, { [key]: patch[key] });
  }
  return next;
}

function read(file: string): StoredSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new SettingsFileError(file, 'not JSON');
  }
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingsFileError(file, `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

// Write to a temporary file, then rename: a power cut leaves the old or the new file, never half of one.
function write(file: string, value: StoredSettings): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  chmodSync(file, 0o600);
}

/** `testKeys`: whether the keys are test keys (the sealed secret key is opened by the caller). */
export function toPublic(s: StoredSettings, testKeys: boolean): PublicSettings {
  const view: Record<string, unknown> = {};
  for (const k of SETTING_FIELD_NAMES) {
    const value = s[storedKey(k)];
    // A write-only field is only said to be set; an absent optional one stays absent.
    if (isWriteOnly(k)) view[setFlag(k)] = value !== '';
    else if (value !== undefined) view[k] = k === 'displayLanguages' ? inDisplayOrder(s.displayLanguages) : value;
  }
  return { ...view, manualCapture: s.manualCapture, mode: s.mode, opnTestKeys: testKeys } as unknown as PublicSettings;
}

/** A new country brings its currency, its default zone and Thai on a Thai display, unless the patch set them. */
function followCountry(next: StoredSettings, patch: SettingsUpdate): void {
  if (patch.timeZone === undefined) next.timeZone = COUNTRY_RULES[next.country].defaultTimeZone;
  if (patch.displayLanguages !== undefined) return;
  if (next.country === 'TH' && !next.displayLanguages.includes('th')) next.displayLanguages = inDisplayOrder([...next.displayLanguages, 'th' as const]);
  if (next.country === 'SG') next.displayLanguages = next.displayLanguages.filter((l) => l !== 'th');
  if (next.displayLanguages.length === 0) next.displayLanguages = ['ko', 'en'];
}
