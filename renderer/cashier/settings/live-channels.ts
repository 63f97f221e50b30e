// The going-live wizard's two calls to the main process, in one place:
//   settings:testConnection  { pin?, ...LiveCandidate } → { opn, forwarder: CheckResult } (worded by checkText)
//     (checks exactly the values on screen, saves nothing; pin = the manager PIN Settings opened with)
//   settings:update          { pin?, ...LiveCandidate as SettingsUpdate fields, managerPin, managerPinAgain } → PublicSettings
//     (one atomic change)
import type { AppError, CashierTexts, CheckResult, PosBridge, PublicSettings, Result, SettingsUpdate, WizardSetting } from '../../../shared';
import { SETTINGS_FIELDS, isWriteOnly, settingFields, settingsUpdateSchema } from '../../../shared';
import { settingsFieldMessage } from '../settings-messages';

/** What the wizard tests and saves: the fields it asks (SETTINGS_FIELDS' `wizard`) and the terminal they belong to. */
export type LiveCandidate = Readonly<Record<WizardSetting | 'terminalId', string>>;

/** The wizard's fields as it opens: write-only ones empty; out of the demo the saved addresses, in it the defaults (the demo's are its own). */
export function wizardStart(settings: PublicSettings): Record<WizardSetting, string> {
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return Object.fromEntries(
    settingFields('wizard').map((k) => [k, isWriteOnly(k) ? '' : text(settings.mode === 'demo' ? SETTINGS_FIELDS[k].default : settings[k as keyof PublicSettings])]),
  ) as Record<WizardSetting, string>;
}

/** The candidate on screen: exactly the wizard's fields and the terminal. */
export function candidateOf(values: Readonly<Record<WizardSetting, string>>, terminalId: string): LiveCandidate {
  return { ...(Object.fromEntries(settingFields('wizard').map((k) => [k, values[k as WizardSetting]])) as Record<WizardSetting, string>), terminalId };
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
