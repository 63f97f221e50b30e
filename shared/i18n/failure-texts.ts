// What the cashier (and the customer display) says when a KakaoPay charge fails, per Opn failure code.
import { OPN_FAILURE_CODES } from '../opn/schemas';
import type { DisplayLanguage } from '../settings';

/** Every KakaoPay failure code has a text (the list lives with the Opn schemas). */
export const FAILURE_TEXT_CODES = OPN_FAILURE_CODES;
export type FailureTextCode = (typeof FAILURE_TEXT_CODES)[number];

export type FailureTexts = Readonly<Record<DisplayLanguage, string>>;

/** Codes the terminal itself records when a charge was never created at Opn (nothing was charged). */
export const NOT_CHARGED_CODES = ['not_created', 'unconfirmed', 'opn_unavailable'] as const;

export const FAILURE_TEXTS: Readonly<Record<FailureTextCode | 'generic' | 'not_charged', FailureTexts>> = {
  payment_expired: {
    en: 'The payment expired before it was confirmed. Start a new payment.',
    ko: '결제가 확인되기 전에 만료되었습니다. 새로 결제를 시작해 주세요.',
    th: 'การชำระเงินหมดเวลาก่อนได้รับการยืนยัน กรุณาเริ่มการชำระเงินใหม่',
  },
  payment_rejected: {
    en: 'KakaoPay rejected the payment. Ask the customer to use another payment method.',
    ko: '카카오페이에서 결제가 거절되었습니다. 다른 결제 수단을 이용해 주세요.',
    th: 'KakaoPay ปฏิเสธการชำระเงิน กรุณาใช้วิธีการชำระเงินอื่น',
  },
  failed_processing: {
    en: 'The payment could not be processed. Please try again.',
    ko: '결제를 처리하지 못했습니다. 다시 시도해 주세요.',
    th: 'ไม่สามารถดำเนินการชำระเงินได้ กรุณาลองอีกครั้ง',
  },
  invalid_account: {
    en: "The customer's KakaoPay account cannot be used for this payment.",
    ko: '이 결제에 사용할 수 없는 카카오페이 계정입니다.',
    th: 'ไม่สามารถใช้บัญชี KakaoPay นี้ชำระเงินได้',
  },
  insufficient_fund: {
    en: "The customer's KakaoPay balance or limit is not enough for this amount.",
    ko: '카카오페이 잔액 또는 한도가 부족합니다.',
    th: 'ยอดเงินหรือวงเงิน KakaoPay ไม่เพียงพอสำหรับจำนวนนี้',
  },
  timeout: {
    en: 'The customer did not complete the payment in time. Start a new payment.',
    ko: '제한 시간 안에 결제가 완료되지 않았습니다. 새로 결제를 시작해 주세요.',
    th: 'ลูกค้าไม่ได้ชำระเงินภายในเวลาที่กำหนด กรุณาเริ่มการชำระเงินใหม่',
  },
  not_charged: {
    en: 'The payment could not be started because Opn could not be reached. Nothing was charged. Try again.',
    ko: '결제 서버에 연결하지 못해 결제를 시작하지 못했습니다. 청구된 금액은 없습니다. 다시 시도해 주세요.',
    th: 'ไม่สามารถเริ่มการชำระเงินได้เนื่องจากเชื่อมต่อ Opn ไม่ได้ ไม่มีการเรียกเก็บเงิน กรุณาลองอีกครั้ง',
  },
  generic: {
    en: 'The payment did not go through. Please try again or use another payment method.',
    ko: '결제가 완료되지 않았습니다. 다시 시도하거나 다른 결제 수단을 이용해 주세요.',
    th: 'การชำระเงินไม่สำเร็จ กรุณาลองอีกครั้งหรือใช้วิธีการชำระเงินอื่น',
  },
};

export function isFailureTextCode(code: string): code is FailureTextCode {
  return (FAILURE_TEXT_CODES as readonly string[]).includes(code);
}

/** The text for a failure code in one language; unknown or missing codes get the generic text. */
export function failureText(code: string | null | undefined, language: DisplayLanguage = 'en'): string {
  const texts =
    code && isFailureTextCode(code)
      ? FAILURE_TEXTS[code]
      : code && (NOT_CHARGED_CODES as readonly string[]).includes(code)
        ? FAILURE_TEXTS.not_charged
        : FAILURE_TEXTS.generic;
  return texts[language];
}
