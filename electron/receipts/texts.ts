// Receipt wording in the three languages the terminal speaks. The cashier's language comes first;
// Korean is always added for the customer (most KakaoPay payers are Korean visitors), Thai in Thailand.
import type { Country } from '../../shared';
import type { SaleStatus } from '../../shared';
import type { DisplayLanguage } from '../../shared';

export type ReceiptLanguage = DisplayLanguage;

export const LABELS = {
  receipt: { en: 'Receipt', ko: '영수증', th: 'ใบเสร็จรับเงิน' },
  refundSlip: { en: 'Refund slip', ko: '환불 전표', th: 'ใบคืนเงิน' },
  voidSlip: { en: 'Void slip', ko: '결제 취소 전표', th: 'ใบยกเลิกรายการ' },
  testPage: { en: 'Printer test page', ko: '프린터 테스트', th: 'หน้าทดสอบเครื่องพิมพ์' },
  copy: { en: 'Copy', ko: '사본', th: 'สำเนา' },
  amount: { en: 'Amount', ko: '금액', th: 'จำนวนเงิน' },
  refundAmount: { en: 'Refunded', ko: '환불 금액', th: 'จำนวนเงินคืน' },
  voidAmount: { en: 'Voided', ko: '취소 금액', th: 'จำนวนเงินยกเลิก' },
  originalAmount: { en: 'Original amount', ko: '원 거래 금액', th: 'ยอดเดิม' },
  originalSale: { en: 'Original sale', ko: '원 거래', th: 'รายการเดิม' },
  method: { en: 'Paid with', ko: '결제 수단', th: 'ชำระโดย' },
  date: { en: 'Date', ko: '일시', th: 'วันที่' },
  charge: { en: 'Charge', ko: '거래 번호', th: 'เลขที่รายการ' },
  refund: { en: 'Refund', ko: '환불 번호', th: 'เลขที่คืนเงิน' },
  sale: { en: 'Sale', ko: '판매 번호', th: 'เลขที่ขาย' },
  terminal: { en: 'Terminal', ko: '단말기', th: 'เครื่อง' },
  cashier: { en: 'Cashier', ko: '계산원', th: 'แคชเชียร์' },
  // A sale a till asked for (POS link): the till's name and its own reference for the sale.
  till: { en: 'Till', ko: 'POS', th: 'เครื่อง POS' },
  tillRef: { en: 'Till ref.', ko: 'POS 참조', th: 'อ้างอิง POS' },
  status: { en: 'Status', ko: '상태', th: 'สถานะ' },
  taxId: { en: 'Tax reg. no.', ko: '사업자 번호', th: 'เลขผู้เสียภาษี' },
  thanks: { en: 'Thank you', ko: '감사합니다', th: 'ขอบคุณ' },
  testOk: { en: 'If you can read this, the printer works.', ko: '이 글이 보이면 프린터가 정상입니다.', th: 'หากอ่านข้อความนี้ได้ เครื่องพิมพ์ใช้งานได้' },
  paper: { en: 'Paper', ko: '용지', th: 'กระดาษ' },
  timeZone: { en: 'Time zone', ko: '시간대', th: 'เขตเวลา' },
} as const satisfies Record<string, Record<ReceiptLanguage, string>>;

export type LabelKey = keyof typeof LABELS;

const STATUS: Record<SaleStatus, Record<ReceiptLanguage, string>> = {
  creating: { en: 'Not paid yet', ko: '결제 전', th: 'ยังไม่ชำระ' },
  pending: { en: 'Waiting for payment', ko: '결제 대기', th: 'รอชำระเงิน' },
  authorized: { en: 'Authorized', ko: '승인됨', th: 'อนุมัติแล้ว' },
  successful: { en: 'PAID', ko: '결제 완료', th: 'ชำระเงินแล้ว' },
  failed: { en: 'FAILED', ko: '결제 실패', th: 'ชำระเงินไม่สำเร็จ' },
  expired: { en: 'Expired', ko: '만료됨', th: 'หมดเวลา' },
  cancelled: { en: 'Cancelled', ko: '취소됨', th: 'ยกเลิกแล้ว' },
  reversed: { en: 'Released', ko: '승인 취소', th: 'ยกเลิกการอนุมัติ' },
  partially_refunded: { en: 'PARTLY REFUNDED', ko: '부분 환불', th: 'คืนเงินบางส่วน' },
  refunded: { en: 'REFUNDED', ko: '환불 완료', th: 'คืนเงินแล้ว' },
  voided: { en: 'VOIDED', ko: '결제 취소', th: 'ยกเลิกรายการแล้ว' },
  needs_attention: { en: 'Check with the cashier', ko: '확인 필요', th: 'โปรดตรวจสอบ' },
};

/** Cashier's language first, then Korean, then Thai for a shop in Thailand; no repeats. */
export function receiptLanguages(cashier: ReceiptLanguage, country: Country): ReceiptLanguage[] {
  const all: ReceiptLanguage[] = [cashier, 'ko', ...(country === 'TH' ? (['th'] as const) : [])];
  return [...new Set(all)];
}

/** "Amount / 금액 / จำนวนเงิน" */
export function label(key: LabelKey, langs: readonly ReceiptLanguage[]): string {
  return langs.map((l) => LABELS[key][l]).join(' / ');
}

export function statusText(status: SaleStatus, langs: readonly ReceiptLanguage[]): string {
  return langs.map((l) => STATUS[status][l]).join(' / ');
}
