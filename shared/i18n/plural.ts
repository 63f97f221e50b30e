// Counts in words with Intl.PluralRules and Intl.NumberFormat, so "1 sale" / "2 sales" follow the
// language's own rules (Thai and Korean have one form; English has one and other).

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

/** `forms` use `{n}` for the formatted count: plural('en-SG', 1, { one: '{n} sale', other: '{n} sales' }). */
export function plural(locale: string, n: number, forms: PluralForms): string {
  let pr = rules.get(locale);
  if (!pr) rules.set(locale, (pr = new Intl.PluralRules(locale)));
  let nf = numbers.get(locale);
  if (!nf) numbers.set(locale, (nf = new Intl.NumberFormat(locale, { numberingSystem: 'latn' })));
  const form = forms[pr.select(n)] ?? forms.other;
  return form.replace('{n}', nf.format(n));
}
