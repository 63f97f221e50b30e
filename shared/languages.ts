// The languages of the two screens: the customer display shows up to three at once, the cashier window
// one. Its own module, so settings and receipts both use it without importing each other.
export const DISPLAY_LANGUAGES = ['en', 'ko', 'th'] as const;
export type DisplayLanguage = (typeof DISPLAY_LANGUAGES)[number];

/**
 * The order the display shows its languages in, whatever order they were ticked: Korean first (most
 * KakaoPay payers read it; the first language is the large line), then English, then Thai.
 */
export const DISPLAY_LANGUAGE_ORDER: readonly DisplayLanguage[] = ['ko', 'en', 'th'];

/** The chosen languages in DISPLAY_LANGUAGE_ORDER, each once. */
export function inDisplayOrder(languages: readonly DisplayLanguage[]): DisplayLanguage[] {
  return DISPLAY_LANGUAGE_ORDER.filter((l) => languages.includes(l));
}

/** Languages of the cashier window (absent in settings: the shop's country decides). */
export const CASHIER_LANGUAGES = ['en', 'th', 'ko'] as const;
export type CashierLanguage = (typeof CASHIER_LANGUAGES)[number];
