// The receipt templates: one pure document per sale, refund and void, in the right languages, with
// the shop's zone and the shared money format; HTML escapes everything it is given.
import { describe, expect, it } from 'vitest';
import { documentText, refundSlip, saleReceipt, testPage } from '../../../electron/receipts/document';
import { receiptHtml } from '../../../electron/receipts/html';
import { receiptOf, refund, sale, shop, thaiShop, thbSale } from './fixtures';

describe('receipt document', () => {
  it('holds shop, address, tax number, local time, amount, KakaoPay, ids, terminal, cashier and status', () => {
    const doc = saleReceipt(receiptOf(sale()), shop());
    const text = documentText(doc);
    expect(doc.kind).toBe('sale');
    expect(doc.saleId).toBe('sale_01JDX4Q7ZK3M');
    expect(doc.lines[0]).toEqual({ kind: 'title', text: 'Kopi Corner' });
    for (const part of ['1 Orchard Road', 'M2-1234567-8', '27/11/2026, 10:00:05', 'SGD 1,500.50', 'KakaoPay', 'chrg_test_5zq8y2k1abcd', 'sale_01JDX4Q7ZK3M', 'term_counter_1', 'Ann', 'PAID / 결제 완료']) {
      expect(text).toContain(part);
    }
    // English cashier, Korean customer; no Thai in Singapore.
    expect(doc.languages).toEqual(['en', 'ko']);
    expect(text).toContain('Amount / 금액');
    expect(text).not.toMatch(/[\u0E00-\u0E7F]/);
  });

  it('adds Thai in Thailand and uses the Bangkok clock', () => {
    const doc = saleReceipt(receiptOf(thbSale()), thaiShop({ language: 'en' }));
    expect(doc.languages).toEqual(['en', 'ko', 'th']);
    const text = documentText(doc);
    expect(text).toContain('Amount / 금액 / จำนวนเงิน');
    expect(text).toContain('THB 1,250.00');
    expect(text).toContain('27/11/2026, 09:00:05');
    // The cashier's language sets the calendar: a Thai cashier's receipt is dated in the Buddhist era, in digits.
    expect(documentText(saleReceipt(receiptOf(thbSale()), thaiShop()))).toContain('27/11/2569 09:00:05');
  });

  it('puts the cashier language first without repeating Korean', () => {
    expect(saleReceipt(receiptOf(sale()), shop({ language: 'ko' })).languages).toEqual(['ko']);
    expect(saleReceipt(receiptOf(thbSale()), thaiShop()).languages).toEqual(['th', 'ko']);
  });

  it('leaves out empty optional fields and says Copy on a reprint', () => {
    const doc = saleReceipt(receiptOf(sale({ cashier: null })), shop({ address: '', taxId: '' }), { copy: true });
    const text = documentText(doc);
    expect(text).not.toContain('Tax reg.');
    expect(text).not.toContain('Cashier');
    expect(text).toContain('*** Copy / 사본 ***');
  });

  it('lists refunds on the sale receipt', () => {
    const doc = saleReceipt(receiptOf(sale({ status: 'partially_refunded', refundedAmount: 50_000 }), [refund()]), shop());
    const text = documentText(doc);
    expect(text).toContain('PARTLY REFUNDED');
    expect(text).toContain('Refunded / 환불 금액: -SGD 500.00');
  });

  it('makes refund and void slips that name the original sale', () => {
    const r = refund();
    const slip = refundSlip(receiptOf(sale({ status: 'partially_refunded' }), [r]), r, shop());
    expect(slip.kind).toBe('refund');
    const text = documentText(slip);
    for (const part of ['Refund slip / 환불 전표', '-SGD 500.00', 'rfnd_test_5zq9aa', '27/11/2026, 11:15:00', 'Original sale / 원 거래', 'Original amount / 원 거래 금액: SGD 1,500.50', 'chrg_test_5zq8y2k1abcd', 'sale_01JDX4Q7ZK3M']) {
      expect(text).toContain(part);
    }
    const v = refund({ voided: true, amount: 150_050 });
    const voidSlip = refundSlip(receiptOf(sale({ status: 'voided' }), [v]), v, shop());
    expect(voidSlip.kind).toBe('void');
    expect(documentText(voidSlip)).toContain('Void slip / 결제 취소 전표');
    expect(documentText(voidSlip)).toContain('VOIDED / 결제 취소');
  });

  it('makes a test page with all three scripts and the paper size', () => {
    const text = documentText(testPage(shop(), 58, new Date('2026-11-27T02:00:00Z')));
    expect(text).toContain('Paper / 용지: 58 mm');
    expect(text).toContain('If you can read this');
    expect(text).toMatch(/[\uAC00-\uD7A3]/);
    expect(text).toMatch(/[\u0E00-\u0E7F]/);
  });
});

describe('receipt HTML', () => {
  it('escapes shop and cashier text and sizes the receipt to the roll', () => {
    const doc = saleReceipt(receiptOf(sale({ cashier: '<img src=x onerror=alert(1)>' })), shop({ name: 'A&B <script>alert(1)</script>' }));
    const html58 = receiptHtml(doc, 58);
    expect(html58).not.toContain('<script>alert');
    expect(html58).not.toContain('<img src=x');
    expect(html58).toContain('A&amp;B &lt;script&gt;');
    expect(html58).toContain('width: 48mm');
    expect(receiptHtml(doc, 80)).toContain('width: 72mm');
    expect(html58).toContain('SGD 1,500.50');
  });
});
