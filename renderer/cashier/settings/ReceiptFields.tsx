// Settings → Receipts & printer: the shop's address and tax number on receipts, which printer (none,
// the system's, a network ESC/POS one), the roll, automatic printing, and "Print test page" (prints
// with the SAVED settings, so it is offered once the printer fields are saved).
import { useState } from 'react';
import type { PosBridge } from '../../../shared';
import { PRINTER_KINDS, type PrinterKind } from '../../../shared';
import { errorText } from '../../../shared';
import { useTexts } from '../../ui/texts';
import type { ReceiptDraft } from './draft';

interface Props {
  pos: PosBridge;
  draft: ReceiptDraft;
  /** Field → message, for the receipt fields the schema refused. */
  errors: ReadonlyMap<string, string>;
  /** True while the printer fields on screen differ from the saved ones. */
  unsaved: boolean;
  pin: string | null;
  onChange: (next: ReceiptDraft) => void;
}

export function ReceiptFields({ pos, draft, errors, unsaved, pin, onChange }: Props) {
  const t = useTexts();
  const tr = t.receipts.settings;
  const [test, setTest] = useState<{ tone: 'ok' | 'error'; text: string } | 'busy' | null>(null);
  const set = <K extends keyof ReceiptDraft>(key: K, value: ReceiptDraft[K]) => {
    setTest(null);
    onChange({ ...draft, [key]: value });
  };
  const text = (key: 'address' | 'taxId' | 'printerHost' | 'printerPort' | 'osPrinterName', label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        autoComplete="off"
        spellCheck={false}
        data-testid={`setting-receipt-${key}`}
        inputMode={key === 'printerPort' ? 'numeric' : undefined}
        value={draft[key]}
        aria-invalid={errors.has(key)}
        onChange={(e) => set(key, e.target.value)}
      />
      {errors.has(key) ? <span className="error">{errors.get(key)}</span> : hint ? <span className="hint">{hint}</span> : null}
    </label>
  );
  const printTest = async () => {
    setTest('busy');
    const r = await pos['receipt:testPage'](pin !== null ? { pin } : {});
    setTest(r.ok ? { tone: 'ok', text: tr.testPageOk } : { tone: 'error', text: errorText(t, r.error) });
  };

  return (
    <fieldset className="card" data-testid="receipt-settings">
      <legend>{tr.section}</legend>
      {text('address', tr.address)}
      {text('taxId', tr.taxId, tr.taxIdHint)}
      <label className="field">
        <span>{tr.printerKind}</span>
        <select data-testid="setting-receipt-printerKind" value={draft.printerKind} onChange={(e) => set('printerKind', e.target.value as PrinterKind)}>
          {PRINTER_KINDS.map((k) => (
            <option key={k} value={k}>
              {tr.kinds[k]}
            </option>
          ))}
        </select>
      </label>
      {draft.printerKind === 'escpos' ? (
        <>
          {text('printerHost', tr.host, tr.hostHint)}
          {text('printerPort', tr.port)}
        </>
      ) : null}
      {draft.printerKind === 'os' ? text('osPrinterName', tr.osPrinterName, `${tr.osPrinterHint} ${tr.browserOsHint}`) : null}
      <label className="field">
        <span>{tr.paper}</span>
        <select data-testid="setting-receipt-paper" value={draft.paperWidthMm} onChange={(e) => set('paperWidthMm', e.target.value === '58' ? 58 : 80)}>
          <option value="80">80 mm</option>
          <option value="58">58 mm</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" data-testid="setting-receipt-autoPrint" checked={draft.autoPrint} onChange={(e) => set('autoPrint', e.target.checked)} />
        {tr.autoPrint}
      </label>
      <div className="row">
        <button type="button" className="btn" data-testid="print-test-page" disabled={unsaved || draft.printerKind === 'none' || test === 'busy'} onClick={() => void printTest()}>
          {test === 'busy' ? t.receipts.sending : tr.testPage}
        </button>
        {unsaved && draft.printerKind !== 'none' ? <span className="hint">{tr.saveFirst}</span> : null}
      </div>
      {test && test !== 'busy' ? (
        <p className={test.tone === 'ok' ? 'ok-text' : 'error-text'} role="status" data-testid="test-page-status">
          {test.text}
        </p>
      ) : null}
    </fieldset>
  );
}
