// The store day report as CSV (csv-stringify through the day reports' toCsv: BOM, CRLF, formula
// neutralising): one row per terminal, then the store's total; this terminal's own figures in
// "own_" columns on its row.
import { toDecimalString } from '../../../shared';
import type { StoreDayReport, StoreFigures } from '../../../shared';
import type { CsvColumn } from '../csv/csv';
import { toCsv } from '../csv/csv';

const COLUMNS = [
  { key: 'day', header: 'day' },
  { key: 'store_id', header: 'store_id' },
  { key: 'terminal_id', header: 'terminal_id' },
  { key: 'currency', header: 'currency' },
  { key: 'charges', header: 'charges' },
  { key: 'successful', header: 'successful' },
  { key: 'failed', header: 'failed' },
  { key: 'expired', header: 'expired' },
  { key: 'pending', header: 'pending' },
  { key: 'gross', header: 'gross' },
  { key: 'refunds', header: 'refunds' },
  { key: 'refund_amount', header: 'refund_amount' },
  { key: 'voids', header: 'voids' },
  { key: 'void_amount', header: 'void_amount' },
  { key: 'fees', header: 'fees' },
  { key: 'fee_vat', header: 'fee_vat' },
  { key: 'net', header: 'net' },
  { key: 'own_successful', header: 'own_successful' },
  { key: 'own_gross', header: 'own_gross' },
  { key: 'own_refund_amount', header: 'own_refund_amount' },
  { key: 'own_void_amount', header: 'own_void_amount' },
  { key: 'own_net', header: 'own_net' },
] as const satisfies readonly CsvColumn<string>[];
type Key = (typeof COLUMNS)[number]['key'];

export function storeReportCsv(report: StoreDayReport): string {
  const money = (n: number): string => toDecimalString(n, report.currency);
  const row = (terminalId: string, f: StoreFigures, own: StoreDayReport['terminals'][number]['own']): Record<Key, string> => ({
    day: report.day,
    store_id: report.storeId,
    terminal_id: terminalId,
    currency: report.currency,
    charges: String(f.chargeCount),
    successful: String(f.successfulCount),
    failed: String(f.failedCount),
    expired: String(f.expiredCount),
    pending: String(f.pendingCount),
    gross: money(f.gross),
    refunds: String(f.refundCount),
    refund_amount: money(f.refundAmount),
    voids: String(f.voidCount),
    void_amount: money(f.voidAmount),
    fees: money(f.fees),
    fee_vat: money(f.feeVat),
    net: money(f.net),
    own_successful: own ? String(own.successfulCount) : '',
    own_gross: own ? money(own.gross) : '',
    own_refund_amount: own ? money(own.refundAmount) : '',
    own_void_amount: own ? money(own.voidAmount) : '',
    own_net: own ? money(own.net) : '',
  });
  return toCsv(COLUMNS, [...report.terminals.map((t) => row(t.terminalId, t, t.own)), row('TOTAL', report.totals, null)]);
}
