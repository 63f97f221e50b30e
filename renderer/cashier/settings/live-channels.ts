// The going-live wizard's two calls to the main process, in one place:
//   settings:testConnection  { pin?, ...LiveCandidate } → { opn, forwarder: CheckResult } (worded by checkText)
//     (checks exactly the values on screen, saves nothing; pin = the manager PIN Settings opened with)
//   settings:update          { pin?, ...LiveCandidate as SettingsUpdate fields, managerPin, managerPinAgain } → PublicSettings
//     (one atomic change)
import type { AppError, CashierTexts, CheckResult, PosBridge, PublicSettings, Result, SettingsUpdate } from '../../../shared';
import { settingsUpdateSchema } from '../../../shared';
import { settingsFieldMessage } from '../settings-messages';

export interface LiveCandidate {
  readonly opnApiBase: string;
  readonly opnPublicKey: string;
  readonly opnSecretKey: string;
  readonly forwarderUrl: string;
  readonly forwarderToken: string;
  readonly terminalId: string;
}

export interface CheckLine {
  /** Which check: 'opn', 'forwarder', … (worded with checkLabel). */
  readonly id: string;
  readonly ok: boolean;
  readonly result: CheckResult;
}

/** The name of a check on screen. */
export function checkLabel(t: CashierTexts, id: string): string {
  const labels: Readonly<Record<string, string>> = { opn: t.checks.opn, kakaopay: t.checks.kakaopay, keys: t.checks.keys, forwarder: t.checks.forwarder };
  return labels[id] ?? id;
}

/** Every `{ ok, … }` in the answer, in order, so new checks from the main process show up as they come. */
export function checkLines(answer: unknown): CheckLine[] {
  if (!answer || typeof answer !== 'object') return [];
  return Object.entries(answer as Record<string, unknown>).flatMap(([id, v]) => {
    if (!v || typeof v !== 'object') return [];
    const result = v as CheckResult;
    return typeof result.ok === 'boolean' ? [{ id, ok: result.ok, result }] : [];
  });
}

export async function testCandidate(pos: PosBridge, pin: string | null, candidate: LiveCandidate): Promise<Result<CheckLine[], AppError>> {
  const r = await pos['settings:testConnection']({ ...(pin ? { pin } : {}), ...candidate });
  return r.ok ? { ok: true, value: checkLines(r.value) } : r;
}

/** `managerPinAgain`: the PIN typed a second time; the main process refuses the save when they differ. */
export function saveLive(pos: PosBridge, pin: string | null, candidate: LiveCandidate, managerPin: string, managerPinAgain: string): Promise<Result<PublicSettings, AppError>> {
  const patch: SettingsUpdate = { ...candidate, managerPin };
  return pos['settings:update']({ ...patch, managerPinAgain, ...(pin ? { pin } : {}) });
}

/** Field → message for what the schema refuses, in the manager's words. */
export function fieldErrors(t: CashierTexts, values: Partial<Record<keyof SettingsUpdate, string>>): Map<string, string> {
  const errors = new Map<string, string>();
  const parsed = settingsUpdateSchema.safeParse(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')));
  if (!parsed.success) for (const issue of parsed.error.issues) errors.set(String(issue.path[0]), settingsFieldMessage(t, String(issue.path[0])));
  for (const [key, v] of Object.entries(values)) if (v === '') errors.set(key, t.fields.required);
  return errors;
}
