// The cashier's words in three languages: plural forms from Intl.PluralRules, amounts as money of the
// shop's currency, main-process errors worded by code (counts read from the message), and every
// language filling in every text.
import { describe, expect, it } from 'vitest';
import { parseChargeAmount } from '../../shared';
import { amountErrorText, cashierTexts, CASHIER_LANGUAGES, defaultCashierLanguage, errorText, plural } from '../../shared';

const en = cashierTexts('en');
const th = cashierTexts('th');
const ko = cashierTexts('ko');

function reason(text: string, currency: 'SGD' | 'THB', t = en): string {
  const r = parseChargeAmount(text, currency);
  if (r.ok) throw new Error(`${text} parsed`);
  return amountErrorText(t, r.error, currency);
}

describe('cashier texts', () => {
  it('counts take the plural form of the language', () => {
    expect(en.list.summary(1, 'S$20.00')).toBe('1 sale · S$20.00 collected');
    expect(en.list.summary(2, 'S$20.00')).toBe('2 sales · S$20.00 collected');
    expect(en.list.summary(1234, 'S$1.00')).toBe('1,234 sales · S$1.00 collected');
    expect(en.errors.pinInvalidLeft(1)).toBe('Wrong PIN. 1 try left.');
    expect(en.errors.pinInvalidLeft(3)).toBe('Wrong PIN. 3 tries left.');
    expect(th.list.summary(1, '฿1.00')).toBe('1 รายการ · รับแล้ว ฿1.00');
    expect(ko.list.summary(1, '฿1.00')).toBe('판매 1건 · ฿1.00 수납');
    expect(plural('en-SG', 0, { one: '{n} sale', other: '{n} sales' })).toBe('0 sales');
  });

  it('limits read as money, never "20000.00 SGD"', () => {
    expect(reason('20000.01', 'SGD')).toBe('The maximum for KakaoPay is S$20,000.00.');
    expect(reason('0.99', 'SGD')).toBe('The minimum for KakaoPay is S$1.00.');
    expect(reason('19.99', 'THB')).toBe('The minimum for KakaoPay is ฿20.00.');
    expect(reason('150000.01', 'THB', th)).toBe('ยอดสูงสุดสำหรับ KakaoPay คือ ฿150,000.00');
    expect(reason('1.234', 'SGD', ko)).toBe('소수점 이하 2자리까지 입력할 수 있습니다.');
  });

  it('main-process errors are worded by code, with the counts they carry; the message is never shown', () => {
    expect(errorText(en, { code: 'pin_invalid', message: 'Wrong PIN (1 try left).', data: { remaining: 1 } })).toBe('Wrong PIN. 1 try left.');
    expect(errorText(ko, { code: 'pin_invalid', message: 'Wrong PIN (4 tries left).', data: { remaining: 4 } })).toBe('PIN이 틀렸습니다. 4번 남았습니다.');
    expect(errorText(en, { code: 'pin_locked', message: 'Too many wrong PINs. Try again in 1 min.', data: { retryAfterMs: 30_000 } })).toBe('Too many wrong PINs. Try again in 1 minute.');
    expect(errorText(th, { code: 'pin_locked', message: 'Too many wrong PINs. Try again in 5 min.', data: { retryAfterMs: 300_000 } })).toBe('ใส่ PIN ผิดหลายครั้งเกินไป ลองใหม่ในอีก 5 นาที');
    expect(errorText(th, { code: 'z_refused', message: 'As the main process put it.', data: { day: '2026-12-06' } })).toBe('ยังปิดยอดวัน 6 ธ.ค. 2569 ไม่ได้:');
    expect(errorText(ko, { code: 'invalid_state', message: 'A failed sale cannot be refunded.', data: { status: 'failed', action: 'refund' } })).toBe('‘실패’ 상태인 판매에는 할 수 없습니다.');
  });

  it('every language fills every text (no English left in Thai or Korean by mistake)', () => {
    const flat = (o: unknown, path = ''): [string, unknown][] =>
      o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => flat(v, `${path}.${k}`)) : [[path, o]];
    const keys = (t: unknown) => flat(t).map(([k]) => k).sort();
    for (const lang of CASHIER_LANGUAGES) expect(keys(cashierTexts(lang))).toEqual(keys(en));
    const same = flat(th).filter(([k, v]) => typeof v === 'string' && v === flat(en).find(([ek]) => ek === k)?.[1] && /[a-z]{4}/.test(v));
    // Everything is Thai (test/shared/i18n/error-texts.test.ts checks every Latin word against the allow-list).
    expect(same.map(([k]) => k)).toEqual([]);
  });

  it('the default language follows the country', () => {
    expect(defaultCashierLanguage('SG')).toBe('en');
    expect(defaultCashierLanguage('TH')).toBe('th');
  });
});
