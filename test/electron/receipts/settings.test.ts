// Receipt settings are validated at the boundary: bad input gets a clear error, defaults are sane.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECEIPT_SETTINGS, receiptSettingsSchema, receiptSettingsUpdateSchema } from '../../../shared';

describe('receipt settings', () => {
  it('defaults to no printer, port 9100, 80 mm, no auto-print', () => {
    expect(DEFAULT_RECEIPT_SETTINGS).toEqual({ address: '', taxId: '', printerKind: 'none', printerHost: '', printerPort: 9100, osPrinterName: '', paperWidthMm: 80, autoPrint: false });
  });

  it('accepts a network printer and trims text', () => {
    const s = receiptSettingsSchema.parse({ printerKind: 'escpos', printerHost: ' 192.168.1.50 ', paperWidthMm: 58, taxId: ' M2-1234567-8 ' });
    expect(s).toMatchObject({ printerKind: 'escpos', printerHost: '192.168.1.50', printerPort: 9100, paperWidthMm: 58, taxId: 'M2-1234567-8' });
  });

  it.each([
    [{ printerHost: 'http://printer.local' }, 'printerHost'],
    [{ printerHost: 'printer.local:9100/x' }, 'printerHost'],
    [{ printerPort: 0 }, 'printerPort'],
    [{ printerPort: 70000 }, 'printerPort'],
    [{ paperWidthMm: 70 }, 'paperWidthMm'],
    [{ printerKind: 'usb' }, 'printerKind'],
    [{ taxId: 'x'.repeat(41) }, 'taxId'],
    [{ surprise: true }, ''],
  ])('rejects %j', (input, field) => {
    const r = receiptSettingsUpdateSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (field) expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('refuses a network printer without a host in one update', () => {
    const r = receiptSettingsUpdateSchema.safeParse({ printerKind: 'escpos', printerHost: '' });
    expect(r.success).toBe(false);
  });
});

describe('receipt settings update', () => {
  it('carries only the fields sent (no defaults overwrite the stored ones)', () => {
    expect(receiptSettingsUpdateSchema.parse({ autoPrint: true })).toEqual({ autoPrint: true });
  });
});
