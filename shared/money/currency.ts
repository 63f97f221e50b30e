// Countries, currencies and KakaoPay amount limits: the single source of truth for every process.
// Limits from Opn's KakaoPay guide (../shared/reference/kakaopay-opn-guide.txt, "Limits"), both ends inclusive.

export const COUNTRIES = ['SG', 'TH'] as const;
export type Country = (typeof COUNTRIES)[number];

export const CURRENCIES = ['SGD', 'THB'] as const;
export type Currency = (typeof CURRENCIES)[number];

export interface CountryRules {
  readonly country: Country;
  readonly currency: Currency;
  /** Minor units per major unit exponent (2 → cents/satang). */
  readonly decimals: number;
  /** Inclusive limits in minor units. */
  readonly minAmount: number;
  readonly maxAmount: number;
  readonly defaultTimeZone: string;
  readonly locale: string;
}

export const COUNTRY_RULES: Readonly<Record<Country, CountryRules>> = {
  SG: {
    country: 'SG',
    currency: 'SGD',
    decimals: 2,
    minAmount: 100,
    maxAmount: 2_000_000,
    defaultTimeZone: 'Asia/Singapore',
    locale: 'en-SG',
  },
  TH: {
    country: 'TH',
    currency: 'THB',
    decimals: 2,
    minAmount: 2_000,
    maxAmount: 15_000_000,
    defaultTimeZone: 'Asia/Bangkok',
    locale: 'th-TH',
  },
};

export function rulesForCurrency(currency: Currency): CountryRules {
  return currency === 'SGD' ? COUNTRY_RULES.SG : COUNTRY_RULES.TH;
}

export function currencyOf(country: Country): Currency {
  return COUNTRY_RULES[country].currency;
}

/** An amount in integer minor units with its ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}
