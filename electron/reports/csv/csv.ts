// CSV files for accounting: written by csv-stringify (never string joins), UTF-8 with a BOM so Excel
// detects the encoding, CRLF row ends (RFC 4180), amounts as exact decimal strings in major units
// beside a currency column.
//
// Formula injection (CWE-1236): a cell beginning with = + - @ TAB or CR gets a leading single quote,
// except a cell that is exactly a plain decimal number (/^-?\d+(\.\d+)?$/): a spreadsheet reads that as
// a number, never as a formula, so "-2.50" stays numeric. Refunds and voids are written as positive
// amounts in their own columns; only a net that truly went below zero is written with a minus.
import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<K extends string> {
  readonly key: K;
  readonly header: string;
}

const TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutralise(value: string): string {
  return TRIGGER.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export type CsvRecord<K extends string> = Record<K, string>;

/** Stringifies records (every cell already a string) with the header row first. */
export function toCsv<K extends string>(columns: readonly CsvColumn<K>[], records: readonly CsvRecord<K>[]): string {
  const safe = records.map((r) => {
    const out: Record<string, string> = {};
    for (const c of columns) out[c.key] = neutralise(r[c.key]);
    return out;
  });
  return stringify(safe, {
    bom: true,
    header: true,
    columns: columns.map((c) => ({ key: c.key, header: c.header })),
    record_delimiter: 'windows',
    quoted_match: /^\s|\s$/, // keep leading/trailing spaces visible and intact
  });
}
