// Terminal settings: the full shape (main process only) and the public view sent to the renderer,
// which learns only whether each secret is set.
import { z } from 'zod';
import { CASHIER_LANGUAGES, DISPLAY_LANGUAGES, type CashierLanguage, type DisplayLanguage } from './languages';
import { COUNTRIES } from './money/currency';
import { terminalIdSchema } from './relay';
import { isTimeZone } from './time/business-day';
import { MANAGER_PIN_PATTERN, MANAGER_PIN_RULE } from './manager-pin';
import { receiptSettingsUpdateSchema, type ReceiptSettings } from './receipts';

export { CASHIER_LANGUAGES, DISPLAY_LANGUAGES, DISPLAY_LANGUAGE_ORDER, inDisplayOrder } from './languages';
export type { CashierLanguage, DisplayLanguage } from './languages';

export const SUPPORTED_TIME_ZONES = ['Asia/Singapore', 'Asia/Bangkok'] as const;

/** QR validity: 1 – 15 minutes, default 5. */
export const QR_VALIDITY_MINUTES = { min: 1, max: 15, default: 5 } as const;
/** 'hosted': authorize_uri in an isolated view (the guide's desktop flow); 'qr': our QR of that link. */
export const DISPLAY_CHECKOUTS = ['hosted', 'qr'] as const;
export type DisplayCheckout = (typeof DISPLAY_CHECKOUTS)[number];

const timeZoneSchema = z.string().max(64).refine(isTimeZone, 'unknown IANA time zone');

const httpUrl = z.url({ protocol: /^https?$/ });
const wsUrl = z.url({ protocol: /^wss?$/ });

/** Fields a manager may change; secrets are write-only from the renderer's side. */
export const settingsUpdateSchema = z.strictObject({
  shopName: z.string().trim().min(1).max(80).optional(),
  country: z.enum(COUNTRIES).optional(),
  timeZone: timeZoneSchema.optional(),
  terminalId: terminalIdSchema.optional(),
  storeId: terminalIdSchema.optional(),
  opnApiBase: httpUrl.optional(),
  opnPublicKey: z.string().regex(/^pkey_(test_)?[0-9a-z]+$/, 'expected pkey_…').optional(),
  opnSecretKey: z.string().regex(/^skey_(test_)?[0-9a-z]+$/, 'expected skey_…').optional(),
  forwarderUrl: wsUrl.or(z.literal('')).optional(),
  forwarderToken: z.string().min(16).max(200).optional(),
  managerPin: z.string().regex(MANAGER_PIN_PATTERN, MANAGER_PIN_RULE).optional(),
  displayLanguages: z.array(z.enum(DISPLAY_LANGUAGES)).min(1).max(3).optional(),
  captureMode: z.enum(['automatic', 'manual']).optional(),
  cashierLanguage: z.enum(CASHIER_LANGUAGES).optional(),
  /** Start of the business day, minutes after local midnight (0 – 719). */
  dayStartMinutes: z.number().int().min(0).max(719).optional(),
  /** Let tablets on the shop's network open the read-only customer display (browser mode). */
  shareCustomerDisplay: z.boolean().optional(),
  /** How long a payment QR stays valid; the terminal's own countdown, then it expires the charge. */
  qrValidityMinutes: z.number().int().min(QR_VALIDITY_MINUTES.min).max(QR_VALIDITY_MINUTES.max).optional(),
  /** What the customer display shows for a payment: Opn/KakaoPay's hosted checkout page, or our QR of its link. */
  displayCheckout: z.enum(DISPLAY_CHECKOUTS).optional(),
  /** Receipts & printer: only the fields sent change (shared/receipts.ts). */
  receipt: receiptSettingsUpdateSchema.optional(),
  /** The off-disk backup folder (USB stick, network share; an absolute path), '' = none. */
  backupDir: z.string().trim().max(500).refine((d) => d === '' || /^([a-zA-Z]:[\\/]|[\\/])/.test(d), 'an absolute folder path').optional(),
  /** Days of off-disk copies kept. */
  backupKeepDays: z.number().int().min(1).max(3650).optional(),
});
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/**
 * Whether this Opn account takes authorize-only KakaoPay charges (capture=false): Opn documents `capture` for
 * card charges only. 'supported' once shown (opn-probe, or an authorize-only charge Opn accepted), 'refused'
 * once Opn refused one (the terminal then captures automatically), else 'unknown'.
 */
export const MANUAL_CAPTURE_SUPPORT = ['unknown', 'supported', 'refused'] as const;
export type ManualCaptureSupport = (typeof MANUAL_CAPTURE_SUPPORT)[number];

export interface PublicSettings {
  readonly shopName: string;
  readonly country: (typeof COUNTRIES)[number];
  readonly timeZone: string;
  readonly terminalId: string;
  readonly storeId: string;
  readonly opnApiBase: string;
  readonly opnPublicKeySet: boolean;
  readonly opnSecretKeySet: boolean;
  readonly forwarderUrl: string;
  readonly forwarderTokenSet: boolean;
  readonly managerPinSet: boolean;
  readonly displayLanguages: readonly DisplayLanguage[];
  readonly captureMode: 'automatic' | 'manual';
  /** What this Opn account showed about manual capture; manual is offered only when 'supported'. */
  readonly manualCapture: ManualCaptureSupport;
  /** The cashier window's language; absent until chosen (then the country's default applies). */
  readonly cashierLanguage?: CashierLanguage;
  readonly dayStartMinutes: number;
  readonly shareCustomerDisplay: boolean;
  readonly qrValidityMinutes: number;
  readonly displayCheckout: DisplayCheckout;
  /** Receipts & printer (no secrets: a printer's host and port are shown to the cashier). */
  readonly receipt: ReceiptSettings;
  /** The off-disk backup folder ('' = none) and how many days of copies it keeps. */
  readonly backupDir: string;
  readonly backupKeepDays: number;
  /** 'demo' when running on the embedded sandbox and forwarder. */
  readonly mode: 'demo' | 'live';
  /** Set when the saved settings would send a secret where it may not go: nothing is sent until fixed (additive). */
  readonly attention?: SettingsAttention;
  /** The Opn keys in use are test keys (skey_test_… / pkey_test_…): Opn takes no real money. */
  readonly opnTestKeys: boolean;
}

/** An Opn test-mode key (`skey_test_…`, `pkey_test_…`): charges made with it take no real money. */
export function isOpnTestKey(key: string): boolean {
  return /^[sp]key_test_/.test(key);
}

/** Test mode: the secret key decides (it makes the charges); without one, the public key. */
export function opnTestKeys(secretKey: string, publicKey: string): boolean {
  if (secretKey !== '') return isOpnTestKey(secretKey);
  return publicKey !== '' && isOpnTestKey(publicKey);
}

/** Why the saved settings need attention (electron/app/destinations.ts): the cashier's texts key on it. */
export const SETTINGS_ATTENTION = ['live_key_opn_not_allowed', 'live_forwarder_not_wss'] as const;
export type SettingsAttention = (typeof SETTINGS_ATTENTION)[number];
