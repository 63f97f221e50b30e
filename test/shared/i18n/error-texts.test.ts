// Every error code, reason and Z blocker is worded by the cashier's own table (never the main
// process's English message), the three tables have the same keys, and the Thai and Korean tables
// hold no English word (brand and technical names aside). Dates follow one calendar per language.
import { describe, expect, it } from 'vitest';
import { APP_ERROR_CODES, APP_ERROR_REASONS, ATTENTION_EXPIRE_REFUSED, ATTENTION_PAID_AFTER_CLOSE, ATTENTION_SECOND_CHARGE, CASHIER_LANGUAGES, CHECK_CODES, SALE_STATUSES, Z_BLOCKER_KINDS } from '../../../shared';
import { bridgeServerFrameSchema, mismatchSideText } from '../../../shared';
import { attentionAccepted, attentionOpnStatus, attentionSecondRefunded, attentionText, blockerText, cashierTexts, checkText, errorText, formatBusinessDay, formatDateTime } from '../../../shared';
import type { AppError, AppErrorData, CashierTexts, ZBlocker } from '../../../shared';
import { untranslated } from '../../support/latin-words';

const MESSAGE = 'MAIN PROCESS MESSAGE';
const en = cashierTexts('en');

/** Data a code may carry: nothing, and each figure it is worded from. */
const SAMPLES: readonly AppErrorData[] = [
  {},
  { remaining: 2 },
  { retryAfterMs: 120_000 },
  { field: 'opnSecretKey' },
  { field: 'receipt.printerHost' },
  { status: 'failed', action: 'refund' },
  { currency: 'THB' },
  { amountCode: 'amount_above_maximum', currency: 'THB' },
  { opnCode: 'invalid_charge', httpStatus: 400, action: 'refund' },
  { httpStatus: 503, action: 'charge' },
  { day: '2026-12-06' },
  { fileVersion: 5, codeVersion: 4 },
  { ref: 'err_0123456789' },
  { sysCode: 'EACCES', fileName: 'counter-1_2026-12-06_summary.csv' },
  ...APP_ERROR_REASONS.map((reason) => ({ reason })),
];

function leaves(o: unknown, path = ''): [string, unknown][] {
  if (typeof o === 'function') return [[path, (o as (...a: unknown[]) => unknown)('7', '7', '7', '7')]];
  return o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => leaves(v, `${path}.${k}`)) : [[path, o]];
}

describe('error texts', () => {
  it('every code, with every kind of data, is worded from the table, never from the message', () => {
    for (const language of CASHIER_LANGUAGES) {
      const t = cashierTexts(language);
      for (const code of APP_ERROR_CODES) {
        for (const data of SAMPLES) {
          const error: AppError = { code, message: MESSAGE, data };
          const text = errorText(t, error, 'THB');
          expect(text, `${language} ${code} ${JSON.stringify(data)}`).not.toContain(MESSAGE);
          expect(text.trim().length, `${language} ${code}`).toBeGreaterThan(5);
          if (language !== 'en') expect(text, `${language} ${code} ${JSON.stringify(data)} is English`).not.toBe(errorText(en, error, 'THB'));
        }
      }
    }
  });

  it('the figures the main process sends reach the words', () => {
    const th = cashierTexts('th');
    const ko = cashierTexts('ko');
    expect(errorText(en, { code: 'pin_invalid', message: MESSAGE, data: { remaining: 1 } })).toBe('Wrong PIN. 1 try left.');
    expect(errorText(ko, { code: 'pin_locked', message: MESSAGE, data: { retryAfterMs: 125_000 } })).toContain('3분');
    expect(errorText(th, { code: 'invalid_amount', message: MESSAGE, data: { amountCode: 'amount_above_maximum', currency: 'THB' } })).toBe('ยอดสูงสุดสำหรับ KakaoPay คือ ฿150,000.00');
    expect(errorText(th, { code: 'invalid_state', message: MESSAGE, data: { status: 'expired', action: 'refund' } })).toContain('หมดอายุ');
    expect(errorText(ko, { code: 'opn_error', message: MESSAGE, data: { opnCode: 'failed_capture' } })).toContain('failed_capture');
    expect(errorText(en, { code: 'invalid_input', message: MESSAGE, data: { field: 'forwarderUrl' } })).toBe('Check the field “Forwarder URL”.');
    expect(errorText(ko, { code: 'internal', message: MESSAGE, data: { ref: 'err_abc' } })).toContain('err_abc');
  });

  it('every Z blocker is worded in each language, its time in the shop zone and the language calendar', () => {
    const blockers: ZBlocker[] = Z_BLOCKER_KINDS.map((kind) => ({ kind, saleId: 'sale_1', until: '2026-12-06T16:00:00.000Z', zNumber: 3, status: 'pending', count: 2, detail: MESSAGE }));
    blockers.push({ kind: 'relay_unacked', saleId: null, count: null, detail: MESSAGE });
    for (const language of CASHIER_LANGUAGES) {
      for (const b of blockers) {
        const text = blockerText(cashierTexts(language), b, 'Asia/Bangkok');
        expect(text).not.toContain(MESSAGE);
        if (language !== 'en') expect(text).not.toBe(blockerText(en, b, 'Asia/Bangkok'));
      }
    }
    const notOver = blockers.find((b) => b.kind === 'day_not_over') as ZBlocker;
    expect(blockerText(cashierTexts('th'), notOver, 'Asia/Bangkok')).toBe('วันทำการยังไม่สิ้นสุดจนถึง 6 ธ.ค. 2569 23:00:00');
    expect(blockerText(cashierTexts('ko'), notOver, 'Asia/Bangkok')).toBe('영업일이 2026년 12월 6일 23:00:00까지 끝나지 않음');
    expect(blockerText(en, notOver, 'Asia/Singapore')).toBe('the business day is not over until 7 Dec 2026, 00:00:00');
  });

  it('one calendar per language, everywhere', () => {
    expect(formatBusinessDay('th', '2026-12-06')).toBe('6 ธ.ค. 2569');
    expect(formatBusinessDay('en', '2026-12-06')).toBe('6 Dec 2026');
    expect(formatBusinessDay('ko', '2026-12-06')).toBe('2026년 12월 6일');
    expect(formatDateTime('th', '2026-12-06T07:05:09Z', 'Asia/Bangkok', 'time')).toBe('14:05:09');
    expect(formatDateTime('th', '2026-12-06T07:05:09Z', 'Asia/Bangkok', 'date')).toBe('6 ธ.ค. 2569');
  });

  it('the three tables have the same keys, and Thai and Korean hold no English word', () => {
    const keys = (t: CashierTexts) => leaves(t).map(([k]) => k).sort();
    for (const language of CASHIER_LANGUAGES) expect(keys(cashierTexts(language))).toEqual(keys(en));
    for (const language of ['th', 'ko'] as const) {
      const found = leaves(cashierTexts(language))
        .filter(([k, v]) => typeof v === 'string' && k !== '.language' && k !== '.locale')
        .flatMap(([k, v]) => untranslated(v as string).map((w) => `${k}: ${w}`));
      expect(found, language).toEqual([]);
    }
    // A status is worded in every language too (they fill invalid_state and open-sale lines).
    for (const language of CASHIER_LANGUAGES) for (const s of SALE_STATUSES) expect(cashierTexts(language).status[s]).toBeTruthy();
  });

  it('why a sale needs attention: every sentence the core stores is worded in each language', () => {
    const stored = [
      ATTENTION_PAID_AFTER_CLOSE,
      ATTENTION_EXPIRE_REFUSED,
      `${ATTENTION_SECOND_CHARGE} (chrg_test_2)`,
      attentionSecondRefunded('chrg_test_2'),
      attentionOpnStatus('reversed'),
      attentionAccepted(ATTENTION_PAID_AFTER_CLOSE),
    ];
    for (const language of ['th', 'ko'] as const) {
      const t = cashierTexts(language);
      const texts = stored.map((r) => attentionText(t, r));
      for (const [i, text] of texts.entries()) {
        expect(text).not.toBe(t.sale.attentionDefault);
        expect(untranslated(text, ['chrg_test_2'])).toEqual([]);
        expect(text, stored[i]).not.toBe(attentionText(en, stored[i] ?? ''));
      }
    }
    expect(attentionText(cashierTexts('ko'), attentionOpnStatus('reversed'))).toContain(cashierTexts('ko').status.reversed);
    expect(attentionText(cashierTexts('th'), 'Something the core never wrote')).toBe(cashierTexts('th').sale.attentionDefault);
  });

  it('every Test connection result is worded in each language from its code and figures', () => {
    for (const language of CASHIER_LANGUAGES) {
      const t = cashierTexts(language);
      for (const code of CHECK_CODES) {
        const r = { ok: false, code, message: MESSAGE, httpStatus: 502, host: 'relay.example.com', net: 'refused', mode: 'test', terminal: 'counter-1' } as const;
        const text = checkText(t, r);
        expect(text).not.toContain(MESSAGE);
        if (language !== 'en') {
          expect(text, code).not.toBe(checkText(en, r));
          expect(untranslated(text, ['counter-1']), code).toEqual([]);
        }
      }
    }
  });

  it('a reconciliation difference is worded from its figures, not the English summary', () => {
    const th = cashierTexts('th');
    expect(mismatchSideText(th, { status: 'pending', notAuthorized: true }, 'pending (not authorized)')).toBe(`${th.status.pending} · ${th.reconcile.notAuthorized}`);
    expect(mismatchSideText(th, { status: 'successful', amount: 125_000, currency: 'THB' }, 'successful 1250.00 THB')).toBe(`${th.status.successful} · ฿1,250.00`);
    expect(mismatchSideText(cashierTexts('ko'), { refunded: 500, currency: 'SGD' }, 'refunded 5.00 SGD')).toBe(`${cashierTexts('ko').detail.refunded} S$5.00`);
    // Older results without figures keep their text rather than showing nothing.
    expect(mismatchSideText(th, undefined, 'chrg_test_1')).toBe('chrg_test_1');
  });

  it('the data reaches a browser-mode window: the bridge accepts every kind, with the Z blockers', () => {
    const blockers = Z_BLOCKER_KINDS.map((kind) => ({ kind, saleId: null, until: '2026-12-06T16:00:00.000Z', zNumber: 1, status: 'pending' as const, count: null, detail: 'x' }));
    for (const data of [...SAMPLES, { day: '2026-12-06', blockers }]) {
      const frame = { type: 'result', id: 1, result: { ok: false, error: { code: 'z_refused', message: MESSAGE, data } } };
      expect(bridgeServerFrameSchema.safeParse(frame).success, JSON.stringify(data)).toBe(true);
    }
  });
});
