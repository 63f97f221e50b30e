// The Settings form's patch: only what changed; with a new country the languages on screen are sent
// as they are (so an unticked Thai box stays unticked), and the cashier language only when it differs
// from the default for the country being saved.
import { describe, expect, it } from 'vitest';
import type { PublicSettings } from '../../shared';
import { settingsUpdateSchema } from '../../shared';
import { DEFAULT_RECEIPT_SETTINGS } from '../../shared';
import { draftOf, patchOf } from '../../renderer/cashier/settings/draft';
import { folderOf } from '../../renderer/cashier/reports/ExportList';
import { checkLines } from '../../renderer/cashier/settings/live-channels';
import { masked } from '../../renderer/cashier/settings/wizard-steps';

const SG: PublicSettings = {
  shopName: 'Kimchi Corner', country: 'SG', timeZone: 'Asia/Singapore', terminalId: 'counter-1', storeId: 'store-1', opnApiBase: 'https://api.omise.co',
  opnPublicKeySet: true, opnSecretKeySet: true, forwarderUrl: 'wss://relay.example/terminals', forwarderTokenSet: true, managerPinSet: true, opnTestKeys: false,
  displayLanguages: ['ko', 'en'], captureMode: 'automatic', manualCapture: 'unknown', dayStartMinutes: 0, shareCustomerDisplay: false, mode: 'live',
  qrValidityMinutes: 5, displayCheckout: 'hosted', receipt: DEFAULT_RECEIPT_SETTINGS, backupDir: '', backupKeepDays: 60,
};

describe('settings patch', () => {
  it('is empty when nothing changed, and never carries an empty secret', () => {
    expect(patchOf(draftOf(SG), SG)).toEqual({});
  });

  it('a new country sends the languages on screen, Thai unticked included', () => {
    const draft = { ...draftOf(SG), country: 'TH' as const, timeZone: 'Asia/Bangkok', cashierLanguage: 'th' as const };
    expect(patchOf(draft, SG)).toEqual({ country: 'TH', timeZone: 'Asia/Bangkok', displayLanguages: ['ko', 'en'] });
  });

  it('the cashier language is sent when it differs from the default of the country being saved', () => {
    const draft = { ...draftOf(SG), country: 'TH' as const, timeZone: 'Asia/Bangkok', cashierLanguage: 'en' as const };
    expect(patchOf(draft, SG)).toMatchObject({ cashierLanguage: 'en' });
    expect(patchOf({ ...draftOf(SG), cashierLanguage: 'ko' }, SG)).toEqual({ cashierLanguage: 'ko' });
  });
});

describe('small helpers of the reports and the going-live wizard', () => {
  it('folderOf takes the folder of a POSIX or Windows path', () => {
    expect(folderOf('/home/shop/.kakaopay/exports/counter-1_2026-11-29_sales.csv')).toBe('/home/shop/.kakaopay/exports');
    expect(folderOf('C:\\Users\\shop\\exports\\x.pdf')).toBe('C:\\Users\\shop\\exports');
  });

  it('masked keeps the key kind and the last four characters only', () => {
    expect(masked('skey_test_5abc123xyz')).toBe('skey_test_…3xyz');
    expect(masked('pkey_5abc123xyz99')).toBe('pkey_…yz99');
    expect(masked('short')).toBe('•••••');
  });

  it('checkLines lists every { ok, … } result of the answer by its id and ignores anything else', () => {
    expect(checkLines({ opn: { ok: true, message: 'accepted' }, forwarder: { ok: false, message: 'refused' }, at: '2026', extra: { ok: 'yes' } })).toEqual([
      { id: 'opn', ok: true, result: { ok: true, message: 'accepted' } },
      { id: 'forwarder', ok: false, result: { ok: false, message: 'refused' } },
    ]);
    expect(checkLines(null)).toEqual([]);
  });
});

describe('receipt settings patch', () => {
  it('sends only the receipt fields that changed, the port as a number, and a network printer with its host', () => {
    const draft = draftOf(SG);
    expect(patchOf(draft, SG).receipt).toBeUndefined();
    const escpos = { ...draft, receipt: { ...draft.receipt, printerKind: 'escpos' as const, printerHost: '192.168.1.50', printerPort: ' 9101 ' } };
    expect(patchOf(escpos, SG)).toEqual({ receipt: { printerKind: 'escpos', printerHost: '192.168.1.50', printerPort: 9101 } });
    // A port that is not a whole number is sent as NaN, which the shared schema refuses.
    const bad = patchOf({ ...draft, receipt: { ...draft.receipt, printerPort: '91o0' } }, SG);
    expect(Number.isNaN(bad.receipt?.printerPort)).toBe(true);
    const withHost = { ...SG, receipt: { ...SG.receipt, printerKind: 'escpos' as const, printerHost: '10.0.0.9' } };
    const cleared = patchOf({ ...draftOf(withHost), receipt: { ...draftOf(withHost).receipt, printerHost: '' } }, withHost);
    expect(cleared).toEqual({ receipt: { printerKind: 'escpos', printerHost: '' } });
    expect(settingsUpdateSchema.safeParse(cleared).success).toBe(false);
  });
});
