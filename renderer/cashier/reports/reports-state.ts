// The Reports screen's state machine (pure, so it is unit-tested): the PIN step, the chosen day and view,
// the X report of that day (reloaded after anything that can change it), one task at a time (reconcile,
// an export), and the Z dialog (check with Opn → confirm → closed, or refused with the reason). Errors
// stay codes (AppError) here; the view says them in the cashier's language.
import type { AppError, DayReport, EventMap, PublicSettings, ReconciliationResult, ReportExport, Result, ZReportSummary } from '../../../shared';

export type ReportsProgress = EventMap['reports:progress'];

export interface ZState {
  readonly open: boolean;
  /** The Z is being made. */
  readonly busy: boolean;
  /** The reconciliation shown before closing is running. */
  readonly checking: boolean;
  readonly error: AppError | null;
  readonly recError: AppError | null;
}

export interface ReportsState {
  readonly pin: string | null;
  readonly pinError: AppError | null;
  readonly settings: PublicSettings | null;
  readonly day: string;
  readonly view: 'day' | 'store';
  readonly report: DayReport | null;
  /** Bumped by everything that can change the day's figures; the X report is asked again. */
  readonly reload: number;
  /** The `xKey` of the X report answer on screen (loading while it differs from the current one). */
  readonly xLoaded: string | null;
  readonly error: AppError | null;
  /** Where "Save a copy" wrote the file (Electron). */
  readonly savedTo: string | null;
  /** The running task ('reconcile', 'export:pdf', …): the action buttons wait for it. */
  readonly busy: string | null;
  readonly progress: ReportsProgress | null;
  readonly reconciliation: ReconciliationResult | null;
  readonly exports: readonly ReportExport[];
  readonly zHistory: readonly ZReportSummary[];
  readonly z: ZState;
}

export type ReportsAction =
  | { readonly type: 'unlocked'; readonly pin: string }
  | { readonly type: 'pinRefused'; readonly error: AppError }
  /** `today` is the business day of the settings at the time they arrived. */
  | { readonly type: 'settings'; readonly result: Result<PublicSettings>; readonly today: string }
  | { readonly type: 'progress'; readonly progress: ReportsProgress }
  | { readonly type: 'reload' }
  | { readonly type: 'xLoaded'; readonly key: string; readonly result: Result<DayReport> }
  | { readonly type: 'zHistory'; readonly list: readonly ZReportSummary[] }
  | { readonly type: 'day'; readonly day: string }
  | { readonly type: 'view'; readonly view: 'day' | 'store' }
  | { readonly type: 'taskStarted'; readonly task: string }
  | { readonly type: 'reconciled'; readonly result: Result<ReconciliationResult> }
  | { readonly type: 'exported'; readonly result: Result<ReportExport> }
  | { readonly type: 'saved'; readonly result: Result<{ readonly savedTo: string | null }> }
  | { readonly type: 'failed'; readonly error: AppError }
  | { readonly type: 'zOpened' }
  | { readonly type: 'zChecked'; readonly result: Result<ReconciliationResult> }
  | { readonly type: 'zClosing' }
  | { readonly type: 'zClosed'; readonly result: Result<unknown> }
  | { readonly type: 'zCancelled' };

const Z_CLOSED: ZState = { open: false, busy: false, checking: false, error: null, recError: null };

export function initialReports(input: { pin?: string | undefined; settings?: PublicSettings | undefined; today?: string | undefined }): ReportsState {
  return {
    pin: input.pin ?? null,
    pinError: null,
    settings: input.settings ?? null,
    day: input.today ?? '',
    view: 'day',
    report: null,
    reload: 0,
    xLoaded: null,
    error: null,
    savedTo: null,
    busy: null,
    progress: null,
    reconciliation: null,
    exports: [],
    zHistory: [],
    z: Z_CLOSED,
  };
}

/** Which X report answer the screen needs now: the day and every reload. */
export const xKey = (s: ReportsState): string => `${s.day}|${s.reload}`;

/** The Z that closed the chosen day, if any. */
export const closedBy = (s: ReportsState): number | null => s.report?.zNumber ?? s.zHistory.find((h) => h.day === s.day)?.number ?? null;

/** The reconciliation of the chosen day (one of another day is kept off screen). */
export const dayReconciliation = (s: ReportsState): ReconciliationResult | null => (s.reconciliation && s.reconciliation.day === s.day ? s.reconciliation : null);

const taskEnded = (s: ReportsState, error: AppError | null): ReportsState => ({ ...s, busy: null, progress: null, error });

export function reportsReducer(s: ReportsState, a: ReportsAction): ReportsState {
  switch (a.type) {
    case 'unlocked':
      return { ...s, pin: a.pin, pinError: null };
    case 'pinRefused':
      return { ...s, pinError: a.error };
    case 'settings':
      if (!a.result.ok) return { ...s, error: a.result.error };
      return { ...s, settings: a.result.value, day: s.day || a.today };
    case 'progress':
      return { ...s, progress: a.progress.done >= a.progress.total ? null : a.progress };
    case 'reload':
      return { ...s, reload: s.reload + 1 };
    case 'xLoaded':
      // An answer for a day or reload the screen has moved past is dropped.
      if (a.key !== xKey(s)) return s;
      return a.result.ok ? { ...s, xLoaded: a.key, report: a.result.value, error: null } : { ...s, xLoaded: a.key, report: null, error: a.result.error };
    case 'zHistory':
      return { ...s, zHistory: a.list };
    case 'day':
      return a.day === s.day ? s : { ...s, day: a.day, reconciliation: null, exports: [] };
    case 'view':
      return { ...s, view: a.view };
    case 'taskStarted':
      return s.busy !== null ? s : { ...s, busy: a.task, error: null };
    case 'reconciled':
      return a.result.ok ? { ...taskEnded(s, null), reconciliation: a.result.value } : taskEnded(s, a.result.error);
    case 'exported': {
      if (!a.result.ok) return taskEnded(s, a.result.error);
      const r = a.result.value;
      return { ...taskEnded(s, null), exports: [r, ...s.exports.filter((x) => x.fileName !== r.fileName)] };
    }
    case 'saved':
      if (!a.result.ok) return { ...s, error: a.result.error };
      return a.result.value.savedTo ? { ...s, savedTo: a.result.value.savedTo } : s;
    case 'failed':
      return { ...s, error: a.error };
    case 'zOpened':
      return { ...s, z: { open: true, busy: false, checking: true, error: null, recError: null }, reload: s.reload + 1 };
    case 'zChecked':
      if (!s.z.open) return s;
      return {
        ...s,
        progress: null,
        ...(a.result.ok ? { reconciliation: a.result.value } : {}),
        z: { open: true, busy: false, checking: false, error: null, recError: a.result.ok ? null : a.result.error },
      };
    case 'zClosing':
      return s.z.busy ? s : { ...s, z: { ...s.z, busy: true, error: null } };
    case 'zClosed':
      return { ...s, reload: s.reload + 1, z: a.result.ok ? Z_CLOSED : { ...s.z, busy: false, error: a.result.error } };
    case 'zCancelled':
      return { ...s, z: Z_CLOSED };
    default: {
      const never: never = a;
      return never;
    }
  }
}
