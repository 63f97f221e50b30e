// The business day chooser: shows the day as the cashier's language writes it (Thai in the Buddhist
// era, Korean year-month-day), not the browser's own date format (US 12/06/2026 in an en-US Chromium).
// The native date input stays underneath, invisible, so clicking or tapping still opens its calendar.
import { formatBusinessDay } from '../../../shared';
import { useTexts } from '../../ui/texts';
import { isDay } from './day';

interface Props {
  readonly day: string;
  readonly max: string;
  readonly label: string;
  readonly onChange: (day: string) => void;
  /** Test id of the input (its label gets `<testId>-label`); default 'report-day'. */
  readonly testId?: string;
}

export function DayPicker({ day, max, label, onChange, testId = 'report-day' }: Props) {
  const t = useTexts();
  return (
    <label className="btn rp-daypick" data-testid={`${testId}-label`}>
      <span aria-hidden="true">{isDay(day) ? formatBusinessDay(t.language, day) : day}</span>
      <input
        type="date"
        aria-label={label}
        value={day}
        max={max}
        onChange={(e) => isDay(e.target.value) && onChange(e.target.value)}
        onClick={(e) => {
          // Chromium opens the calendar on the icon only; the whole label opens it here.
          try {
            e.currentTarget.showPicker();
          } catch {
            /* not allowed outside a user gesture in some browsers: the input still takes keys */
          }
        }}
        data-testid={testId}
      />
    </label>
  );
}
