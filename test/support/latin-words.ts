// What a Thai or Korean cashier may read in Latin letters: brand and technical names, codes and units
// that are written the same in every language. Anything else in Latin letters is an untranslated word.
export const LATIN_ALLOWED: ReadonlySet<string> = new Set([
  // Brands and products
  'KakaoPay', 'Opn', 'Chromium', 'Omise',
  // The app's logo letter
  'K',
  // Technical names and abbreviations
  'PIN', 'QR', 'CSV', 'PDF', 'API', 'VAT', 'ID', 'Z', 'X', 'GMT', 'UTC', 'HTTP', 'HTTPS', 'URL', 'SHA',
  // Currency codes and symbols
  'SGD', 'THB', 'S',
  // Units
  'mm',
  // Tax ids, the receipt printers' protocol, network addresses
  'GST', 'TIN', 'ESC', 'POS', 'IP',
  // The computer and a kind of drive the backup folder may be on (written so in Korean too)
  'USB', 'PC',
  // Names of controls on Opn's own pages the cashier is told to press (the sandbox's "Successful", the dashboard's "Keys")
  'Successful', 'Keys',
  // Keys on the keyboard, address schemes, key prefixes, the command a shop types
  'Esc', 'Enter', 'F1', 'F2', 'F3', 'F4', 'wss', 'ws', 'https', 'http', 'pkey', 'skey', 'test', 'npm', 'start',
]);

/** Runs of Latin letters in `text` that are not allowed, leaving out anything `extra` allows (a shop name, ids). */
export function untranslated(text: string, extra: readonly string[] = []): string[] {
  let t = text;
  for (const e of extra) t = t.split(e).join(' ');
  // Ids and codes the terminal shows as they are (sale_…, chrg_…, err_…, example addresses) are not words.
  t = t.replace(/\b[a-z]+:\/\/\S*/g, ' ');
  // Example folder paths (a drive letter, or an absolute path) are shown as they are typed.
  t = t.replace(/\b[A-Z]:\\[^\s)]*/g, ' ').replace(/(?<![\w/])\/[\w./-]+/g, ' ');
  t = t.replace(/\b(?:sale|chrg|rfnd|err|pkey|skey|trm|counter)[_-][\w-]*/g, ' ').replace(/\b[\w.-]+\.(?:com|co|local)\b[\w/.-]*/g, ' ');
  const words = t.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
  return [...new Set(words.filter((w) => !LATIN_ALLOWED.has(w)))];
}
