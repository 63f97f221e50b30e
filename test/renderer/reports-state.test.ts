// The Reports screen's state machine in Node: PIN step, day changes, the X report answer that lost a
// race is dropped, one task at a time, and the Z dialog from its check to closed or refused.
import { describe, expect, it } from 'vitest';
import type { AppError, DayReport, PublicSettings, ReconciliationResult, ReportExport } from '../../shared';
import { closedBy, dayReconciliation, initialReports, reportsReducer, xKey, type ReportsAction, type ReportsState } from '../../renderer/cashier/reports/reports-state';

const run = (actions: ReportsAction[], from: ReportsState): ReportsState => actions.reduce(reportsReducer, from);
const unlocked = (): ReportsState => initialReports({ pin: '482913', today: '2026-12-06' });
const opnDown: AppError = { code: 'opn_unavailable', message: 'Opn could not be reached.' };
// Only the fields the state machine reads; the rest of a report is the view's business.
const report = (day: string, zNumber: number | null = null) => ({ day, zNumber }) as unknown as DayReport;
const reconciliation = (day: string) => ({ day }) as unknown as ReconciliationResult;
const exported = (fileName: string) => ({ fileName }) as unknown as ReportExport;

describe('reports screen state', () => {
  it('asks for the PIN first, keeps the refusal code, and opens with the PIN', () => {
    const locked = initialReports({});
    expect(locked.pin).toBeNull();
    const refused = run([{ type: 'pinRefused', error: { code: 'pin_invalid', message: 'Wrong PIN.' } }], locked);
    expect(refused.pinError).toMatchObject({ code: 'pin_invalid' });
    expect(run([{ type: 'unlocked', pin: '482913' }], refused)).toMatchObject({ pin: '482913', pinError: null });
  });

  it('settings that arrive later set today as the day, unless one was chosen', () => {
    const settings = { timeZone: 'Asia/Singapore', dayStartMinutes: 0 } as PublicSettings;
    expect(run([{ type: 'settings', result: { ok: true, value: settings }, today: '2026-12-06' }], initialReports({ pin: '1' })).day).toBe('2026-12-06');
    expect(run([{ type: 'day', day: '2026-12-01' }, { type: 'settings', result: { ok: true, value: settings }, today: '2026-12-06' }], initialReports({ pin: '1' })).day).toBe('2026-12-01');
    expect(run([{ type: 'settings', result: { ok: false, error: opnDown }, today: '' }], initialReports({ pin: '1' })).error).toEqual(opnDown);
  });

  it('shows the X report of the day asked for; an answer for a day or reload the screen left is dropped', () => {
    const s = unlocked();
    const oldKey = xKey(s);
    const moved = run([{ type: 'day', day: '2026-12-05' }], s);
    const late = run([{ type: 'xLoaded', key: oldKey, result: { ok: true, value: report('2026-12-06') } }], moved);
    expect(late.report).toBeNull();
    expect(late.xLoaded).toBeNull();
    const answered = run([{ type: 'xLoaded', key: xKey(moved), result: { ok: true, value: report('2026-12-05', 7) } }], moved);
    expect(answered).toMatchObject({ report: { day: '2026-12-05' }, xLoaded: xKey(moved) });
    expect(closedBy(answered)).toBe(7);
    // A sale event (today) or Refresh asks again: loading until that answer.
    expect(xKey(run([{ type: 'reload' }], answered))).not.toBe(answered.xLoaded);
  });

  it('changing the day forgets the other day\'s reconciliation and exports; the Z history names a closed day', () => {
    const s = run([{ type: 'taskStarted', task: 'reconcile' }, { type: 'reconciled', result: { ok: true, value: reconciliation('2026-12-06') } }, { type: 'taskStarted', task: 'export:pdf' }, { type: 'exported', result: { ok: true, value: exported('a.pdf') } }], unlocked());
    expect(dayReconciliation(s)?.day).toBe('2026-12-06');
    expect(s.exports).toHaveLength(1);
    const other = run([{ type: 'day', day: '2026-12-01' }, { type: 'zHistory', list: [{ number: 3, day: '2026-12-01', closedAt: '2026-12-02T00:00:00Z' } as never] }], s);
    expect(other).toMatchObject({ reconciliation: null, exports: [] });
    expect(closedBy(other)).toBe(3);
  });

  it('one task at a time: a second start while busy is ignored; the end clears busy and progress, a failure keeps its code', () => {
    const busy = run([{ type: 'taskStarted', task: 'export:pdf' }, { type: 'progress', progress: { task: 'export:pdf', done: 1, total: 4 } }], unlocked());
    expect(busy).toMatchObject({ busy: 'export:pdf', progress: { done: 1 } });
    expect(run([{ type: 'taskStarted', task: 'reconcile' }], busy)).toBe(busy);
    const failed = run([{ type: 'exported', result: { ok: false, error: opnDown } }], busy);
    expect(failed).toMatchObject({ busy: null, progress: null, error: { code: 'opn_unavailable' } });
    // The same file exported again replaces its line.
    const twice = run([{ type: 'taskStarted', task: 'export:pdf' }, { type: 'exported', result: { ok: true, value: exported('a.pdf') } }, { type: 'taskStarted', task: 'export:pdf' }, { type: 'exported', result: { ok: true, value: exported('a.pdf') } }], unlocked());
    expect(twice.exports).toHaveLength(1);
    expect(run([{ type: 'progress', progress: { task: 'reconcile', done: 4, total: 4 } }], busy).progress).toBeNull();
  });

  it('Z: opening checks with Opn (figures reloaded), a check that fails is said, a refused close stays open with the reason, a done close shuts the dialog', () => {
    const s = unlocked();
    const opened = run([{ type: 'zOpened' }], s);
    expect(opened.z).toMatchObject({ open: true, checking: true });
    expect(opened.reload).toBe(s.reload + 1);
    const unchecked = run([{ type: 'zChecked', result: { ok: false, error: opnDown } }], opened);
    expect(unchecked.z).toMatchObject({ open: true, checking: false, recError: { code: 'opn_unavailable' } });
    const closing = run([{ type: 'zClosing' }], unchecked);
    expect(closing.z.busy).toBe(true);
    expect(run([{ type: 'zClosing' }], closing)).toBe(closing);
    const refused = run([{ type: 'zClosed', result: { ok: false, error: { code: 'z_refused', message: 'x' } } }], closing);
    expect(refused.z).toMatchObject({ open: true, busy: false, error: { code: 'z_refused' } });
    const done = run([{ type: 'zClosing' }, { type: 'zClosed', result: { ok: true, value: {} } }], refused);
    expect(done.z.open).toBe(false);
    expect(run([{ type: 'zCancelled' }], unchecked).z.open).toBe(false);
    // A check answering after the dialog was cancelled does not reopen it.
    expect(run([{ type: 'zCancelled' }, { type: 'zChecked', result: { ok: true, value: reconciliation('2026-12-06') } }], opened).z.open).toBe(false);
  });

  it('a saved copy is remembered as its path; a failed save keeps its code', () => {
    expect(run([{ type: 'saved', result: { ok: true, value: { savedTo: '/home/shop/z.pdf' } } }], unlocked()).savedTo).toBe('/home/shop/z.pdf');
    expect(run([{ type: 'saved', result: { ok: false, error: opnDown } }], unlocked()).error).toEqual(opnDown);
  });
});
