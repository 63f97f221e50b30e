// The languages of the two screens: the customer display shows up to three at once, the cashier window
// one. Its own module, so settings and receipts both use it without importing each other.
export const DISPLAY_LANGUAGES = ['en', 'ko', 'th'] as const;
export type DisplayLanguage = (typeof DISPLAY_LANGUAGES)[number];

/** Languages of the cashier window (absent in settings: the shop's country decides). */
export const CASHIER_LANGUAGES = ['en', 'th', 'ko'] as const;
export type CashierLanguage = (typeof CASHIER_LANGUAGES)[number];
