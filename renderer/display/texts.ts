// Customer-facing words, per display language (anchors.md §C.1: Korean for KakaoPay payers, English,
// Thai in Thailand). Short: read from a metre away while holding a phone.
import type { DisplayLanguage } from '../../shared';

type Text = Readonly<Record<DisplayLanguage, string>>;

export const TEXT = {
  welcome: { ko: '카카오페이로 결제하실 수 있습니다', en: 'KakaoPay accepted here', th: 'รับชำระด้วย KakaoPay' },
  amount: { ko: '결제 금액', en: 'Amount to pay', th: 'ยอดชำระ' },
  validFor: { ko: 'QR 유효시간', en: 'QR valid for', th: 'QR ใช้ได้อีก' },
  // While no QR is on screen (the checkout page is loading, or the time is up).
  timeLeft: { ko: '남은 시간', en: 'Time left', th: 'เวลาที่เหลือ' },
  // Beside KakaoPay's own checkout page, whose QR is on screen.
  scanPage: { ko: '카카오페이 앱으로 QR 코드를 스캔하세요', en: 'Scan the QR code with the KakaoPay app', th: 'สแกนคิวอาร์โค้ดด้วยแอป KakaoPay' },
  loadingPage: { ko: '카카오페이 결제 화면을 여는 중…', en: 'Opening KakaoPay…', th: 'กำลังเปิด KakaoPay…' },
  steps: [
    { ko: '카카오페이 앱을 여세요', en: 'Open the KakaoPay app', th: 'เปิดแอป KakaoPay' },
    { ko: '이 QR 코드를 스캔하세요', en: 'Scan this QR code', th: 'สแกนคิวอาร์โค้ดนี้' },
    { ko: '휴대폰에서 결제를 확인하세요', en: 'Confirm the payment on your phone', th: 'ยืนยันการชำระเงินบนโทรศัพท์' },
  ],
  paid: { ko: '결제 완료', en: 'Payment complete', th: 'ชำระเงินสำเร็จ' },
  thanks: { ko: '감사합니다', en: 'Thank you', th: 'ขอบคุณค่ะ' },
  failed: { ko: '결제되지 않았습니다', en: 'Payment not completed', th: 'การชำระเงินยังไม่สำเร็จ' },
  // Said to the customer in front of a queue: no reason (the cashier's screen has the precise one).
  didNotGoThrough: {
    ko: '결제가 완료되지 않았습니다. 다시 시도하시거나 직원에게 문의해 주세요.',
    en: 'The payment did not go through. Please try again or ask the cashier.',
    th: 'การชำระเงินไม่สำเร็จ กรุณาลองอีกครั้งหรือสอบถามพนักงาน',
  },
  expired: { ko: 'QR 코드가 만료되었습니다', en: 'This QR code has expired', th: 'คิวอาร์โค้ดหมดอายุแล้ว' },
  newQr: { ko: '새 QR 코드는 직원에게 요청해 주세요', en: 'Ask the cashier for a new one', th: 'ขอคิวอาร์โค้ดใหม่จากพนักงาน' },
  cancelled: { ko: '결제가 취소되었습니다', en: 'Payment cancelled', th: 'ยกเลิกการชำระเงินแล้ว' },
  noCharge: { ko: '요금이 청구되지 않았습니다', en: 'You have not been charged', th: 'ไม่มีการเรียกเก็บเงิน' },
  connecting: { ko: '계산대에 연결 중…', en: 'Connecting to the counter…', th: 'กำลังเชื่อมต่อกับเคาน์เตอร์…' },
  // Live on Opn test keys: the customer must know no real money is taken.
  testMode: { ko: '테스트 모드 · 실제 결제가 아닙니다', en: 'Test mode · no real money is taken', th: 'โหมดทดสอบ · ไม่มีการเก็บเงินจริง' },
  // A till's cart longer than the screen: how many lines are not shown ({n}).
  cartMore: { ko: '외 {n}개 품목', en: 'and {n} more', th: 'และอีก {n} รายการ' },
} as const satisfies Record<string, Text | readonly Text[]>;

export const DEFAULT_LANGUAGES: readonly DisplayLanguage[] = ['ko', 'en'];
