// Where a till's sale came from (POS link): "From Till 1 · ref A-1042", the till's note and how many
// items its cart holds. Shown on the payment panel and the sale's detail; till names, references and
// notes are the till's data, shown as sent (React escapes them).
import type { SaleOrigin } from '../../shared';
import { useTexts } from '../ui/texts';

export function TillOrigin({ origin }: { origin: SaleOrigin }) {
  const t = useTexts();
  const count = origin.lineItems.reduce((n, l) => n + l.quantity, 0);
  return (
    <div className="till-origin" data-testid="till-origin">
      <div className="till-origin-title" data-testid="till-origin-title">
        {t.posLink.fromTill(origin.tillName, origin.referenceId)}
      </div>
      {origin.note ? (
        <div className="till-origin-note" data-testid="till-origin-note">
          <span className="muted">{t.posLink.note}:</span> {origin.note}
        </div>
      ) : null}
      {count > 0 ? <div className="muted">{t.posLink.items(count)}</div> : null}
    </div>
  );
}
