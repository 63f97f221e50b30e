// Settings → Data safety → Rebuild from Opn: a new PC (empty log) or a log restored from an older backup
// gets this terminal's sales and refunds of a range of business days back from Opn. The main process
// never writes a sale twice, so pressing it again is harmless.
import { useEffect, useState } from 'react';
import type { PosBridge, PublicSettings } from '../../../shared';
import { businessDayOf, errorText } from '../../../shared';
import { useTexts } from '../../ui/texts';
import { DayPicker } from '../reports/DayPicker';

interface Props {
  pos: PosBridge;
  settings: PublicSettings;
  pin: string | null;
}

type Outcome = { tone: 'ok' | 'error'; text: string } | { busy: { done: number; total: number } } | null;

export function RebuildFields({ pos, settings, pin }: Props) {
  const t = useTexts();
  const td = t.dataSafety;
  const today = businessDayOf(new Date(), settings.timeZone, settings.dayStartMinutes);
  const [chosenFrom, setFrom] = useState(today);
  const [chosenTo, setTo] = useState(today);
  // Never past the shop's today (it moves with the time zone or at midnight): a day beyond `max` would
  // also make the whole Settings form invalid.
  const from = chosenFrom > today ? today : chosenFrom;
  const to = chosenTo > today ? today : chosenTo;
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(
    () => pos.on('reports:progress', (p) => p.task === 'rebuild' && setOutcome((o) => (o && 'busy' in o ? { busy: { done: p.done, total: p.total } } : o))),
    [pos],
  );
  const busy = outcome !== null && 'busy' in outcome;
  const run = async () => {
    setOutcome({ busy: { done: 0, total: 0 } });
    const r = await pos['reports:rebuild']({ from, to, pin: pin ?? '' });
    setOutcome(r.ok ? { tone: 'ok', text: td.rebuilt(r.value.salesAdded, r.value.salesUpdated, r.value.refundsAdded) } : { tone: 'error', text: errorText(t, r.error) });
  };
  return (
    <fieldset className="card" data-testid="data-safety-settings">
      <legend>{td.rebuild}</legend>
      <p className="hint">{td.rebuildIntro}</p>
      <div className="field">
        <span>{td.from}</span>
        <DayPicker day={from} max={today} label={td.from} onChange={setFrom} testId="rebuild-from" />
      </div>
      <div className="field">
        <span>{td.to}</span>
        <DayPicker day={to} max={today} label={td.to} onChange={setTo} testId="rebuild-to" />
      </div>
      <div className="row">
        <button type="button" className="btn" data-testid="rebuild-run" disabled={busy || from > to} onClick={() => void run()}>
          {td.rebuild}
        </button>
      </div>
      {outcome && 'busy' in outcome ? (
        <p role="status" data-testid="rebuild-progress">
          <progress max={Math.max(1, outcome.busy.total)} value={outcome.busy.done} /> {td.rebuilding(outcome.busy.done, outcome.busy.total)}
        </p>
      ) : outcome ? (
        <p role={outcome.tone === 'error' ? 'alert' : 'status'} className={outcome.tone === 'error' ? 'error' : 'ok'} data-testid="rebuild-outcome">
          {outcome.text}
        </p>
      ) : null}
    </fieldset>
  );
}
