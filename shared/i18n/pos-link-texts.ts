// The cashier's words for the POS link (#23): a till's sale on the sale screen, its till and reference in
// the sale's detail, and Settings → POS link. One table per cashier language; the main process sends only
// codes and data (till names, references, URLs, fingerprints are data, shown as they are).
import { plural } from './plural';

export interface PosLinkTexts {
  /** "From Till 1 · ref A-1042" */
  readonly fromTill: (till: string, reference: string) => string;
  readonly note: string;
  readonly amountFromTill: (till: string) => string;
  readonly cancelTellsTill: string;
  readonly items: (n: number) => string;
  readonly till: string;
  readonly reference: string;
  readonly cart: string;
  readonly lineTotal: string;
  // Settings → POS link
  readonly section: string;
  readonly intro: string;
  readonly enabled: string;
  readonly allowLan: string;
  readonly lanWarning: string;
  readonly save: string;
  readonly saving: string;
  readonly stateOff: string;
  readonly stateListening: string;
  readonly stateError: (code: string) => string;
  readonly thisPc: string;
  readonly shopNetwork: string;
  readonly fingerprint: string;
  readonly fingerprintHint: string;
  readonly pairTitle: string;
  readonly pairIntro: string;
  readonly tillName: string;
  readonly tillNameHint: string;
  readonly scopes: string;
  readonly scopePayments: string;
  readonly scopeRefunds: string;
  readonly createCode: string;
  readonly codeFor: (till: string) => string;
  readonly codeExpires: (time: string) => string;
  readonly codeExpired: string;
  readonly done: string;
  readonly keys: string;
  readonly noKeys: string;
  readonly createdAt: (when: string) => string;
  readonly lastUsed: (when: string) => string;
  readonly neverUsed: string;
  readonly revokedAt: (when: string) => string;
  readonly revoke: string;
  readonly revokeConfirm: (till: string) => string;
  readonly revokeYes: string;
  readonly keep: string;
  readonly needsOn: string;
  readonly unavailable: string;
}

const EN_L = 'en-SG';
export const POS_LINK_TEXTS_EN: PosLinkTexts = {
  fromTill: (till, ref) => `From ${till} · ref ${ref}`,
  note: 'Note',
  amountFromTill: (till) => `Amount set by ${till}: it cannot be changed here.`,
  cancelTellsTill: 'Cancelling here tells the till.',
  items: (n) => plural(EN_L, n, { one: '{n} item', other: '{n} items' }),
  till: 'Till',
  reference: 'Till reference',
  cart: 'Items',
  lineTotal: 'Total',
  section: 'POS link',
  intro: 'Lets the shop\'s till send the amount to this terminal and learn how the payment ended, so nobody types the total twice. Off until you turn it on.',
  enabled: 'Turn on POS link',
  allowLan: 'Also allow tills on the shop\'s network (HTTPS)',
  lanWarning: 'Any device on the shop\'s network can then reach the POS link. Only paired tills with a key can use it; pair only tills you trust, and revoke a key you no longer use.',
  save: 'Save',
  saving: 'Saving…',
  stateOff: 'Off: no till can reach this terminal.',
  stateListening: 'On: waiting for tills.',
  stateError: (code) => `Could not start (${code}). Check that no other program uses the port, then save again.`,
  thisPc: 'A till on this PC',
  shopNetwork: 'Tills on the shop\'s network',
  fingerprint: 'Certificate fingerprint (SHA-256)',
  fingerprintHint: 'The till checks this when it pairs over the shop\'s network.',
  pairTitle: 'Pair a till',
  pairIntro: 'Create a one-time code and type it into the till. The till exchanges it for its own key.',
  tillName: 'Till name',
  tillNameHint: 'Shown on the sale screen and on receipts, e.g. Till 1.',
  scopes: 'What it may do',
  scopePayments: 'Payments (start, cancel, read)',
  scopeRefunds: 'Refunds',
  createCode: 'Create pairing code',
  codeFor: (till) => `Pairing code for ${till}`,
  codeExpires: (time) => `Valid until ${time}. It works once.`,
  codeExpired: 'This code has expired. Create a new one.',
  done: 'Done',
  keys: 'Paired tills',
  noKeys: 'No till is paired yet.',
  createdAt: (when) => `Paired ${when}`,
  lastUsed: (when) => `Last used ${when}`,
  neverUsed: 'Not used yet',
  revokedAt: (when) => `Revoked ${when}`,
  revoke: 'Revoke',
  revokeConfirm: (till) => `Revoke ${till}'s key? It stops working at once; the till must be paired again.`,
  revokeYes: 'Revoke key',
  keep: 'Keep',
  needsOn: 'Turn the POS link on to pair a till.',
  unavailable: 'The POS link is not available on this terminal right now.',
};

export const POS_LINK_TEXTS_TH: PosLinkTexts = {
  fromTill: (till, ref) => `จาก ${till} · อ้างอิง ${ref}`,
  note: 'หมายเหตุ',
  amountFromTill: (till) => `ยอดเงินกำหนดโดย ${till} แก้ไขที่นี่ไม่ได้`,
  cancelTellsTill: 'การยกเลิกที่นี่จะแจ้งไปยังเครื่อง POS',
  items: (n) => `${n} รายการ`,
  till: 'เครื่อง POS',
  reference: 'เลขอ้างอิงของเครื่อง POS',
  cart: 'รายการสินค้า',
  lineTotal: 'รวม',
  section: 'เชื่อมต่อ POS',
  intro: 'ให้เครื่อง POS ของร้านส่งยอดเงินมาที่เครื่องนี้และรับผลการชำระเงิน ไม่ต้องพิมพ์ยอดซ้ำสองครั้ง ปิดอยู่จนกว่าคุณจะเปิด',
  enabled: 'เปิดการเชื่อมต่อ POS',
  allowLan: 'อนุญาตเครื่อง POS ในเครือข่ายของร้านด้วย (HTTPS)',
  lanWarning: 'อุปกรณ์ทุกเครื่องในเครือข่ายของร้านจะเข้าถึงการเชื่อมต่อ POS ได้ แต่ใช้งานได้เฉพาะเครื่อง POS ที่จับคู่และมีคีย์ จับคู่เฉพาะเครื่องที่ไว้ใจ และเพิกถอนคีย์ที่ไม่ใช้แล้ว',
  save: 'บันทึก',
  saving: 'กำลังบันทึก…',
  stateOff: 'ปิดอยู่: ไม่มีเครื่อง POS ใดเข้าถึงเครื่องนี้ได้',
  stateListening: 'เปิดอยู่: รอเครื่อง POS',
  stateError: (code) => `เริ่มไม่ได้ (${code}) ตรวจสอบว่าไม่มีโปรแกรมอื่นใช้พอร์ตนี้ แล้วบันทึกอีกครั้ง`,
  thisPc: 'เครื่อง POS บนพีซีเครื่องนี้',
  shopNetwork: 'เครื่อง POS ในเครือข่ายของร้าน',
  fingerprint: 'ลายนิ้วมือใบรับรอง (SHA-256)',
  fingerprintHint: 'เครื่อง POS ตรวจค่านี้เมื่อจับคู่ผ่านเครือข่ายของร้าน',
  pairTitle: 'จับคู่เครื่อง POS',
  pairIntro: 'สร้างรหัสใช้ครั้งเดียวแล้วพิมพ์ลงในเครื่อง POS เครื่อง POS จะแลกรหัสเป็นคีย์ของตัวเอง',
  tillName: 'ชื่อเครื่อง POS',
  tillNameHint: 'แสดงบนหน้าจอขายและใบเสร็จ เช่น POS 1',
  scopes: 'สิทธิ์ที่ได้รับ',
  scopePayments: 'การชำระเงิน (เริ่ม ยกเลิก อ่าน)',
  scopeRefunds: 'การคืนเงิน',
  createCode: 'สร้างรหัสจับคู่',
  codeFor: (till) => `รหัสจับคู่สำหรับ ${till}`,
  codeExpires: (time) => `ใช้ได้ถึง ${time} ใช้ได้ครั้งเดียว`,
  codeExpired: 'รหัสนี้หมดอายุแล้ว สร้างรหัสใหม่',
  done: 'เสร็จ',
  keys: 'เครื่อง POS ที่จับคู่แล้ว',
  noKeys: 'ยังไม่มีเครื่อง POS ที่จับคู่',
  createdAt: (when) => `จับคู่เมื่อ ${when}`,
  lastUsed: (when) => `ใช้ล่าสุด ${when}`,
  neverUsed: 'ยังไม่เคยใช้',
  revokedAt: (when) => `เพิกถอนเมื่อ ${when}`,
  revoke: 'เพิกถอน',
  revokeConfirm: (till) => `เพิกถอนคีย์ของ ${till} หรือไม่ คีย์จะใช้ไม่ได้ทันที ต้องจับคู่เครื่อง POS ใหม่`,
  revokeYes: 'เพิกถอนคีย์',
  keep: 'เก็บไว้',
  needsOn: 'เปิดการเชื่อมต่อ POS ก่อนจับคู่เครื่อง POS',
  unavailable: 'ขณะนี้เครื่องนี้ใช้การเชื่อมต่อ POS ไม่ได้',
};

export const POS_LINK_TEXTS_KO: PosLinkTexts = {
  fromTill: (till, ref) => `${till}에서 · 참조 ${ref}`,
  note: '메모',
  amountFromTill: (till) => `${till}에서 정한 금액입니다. 여기서 바꿀 수 없습니다.`,
  cancelTellsTill: '여기서 취소하면 POS에 알려집니다.',
  items: (n) => `${n}개 품목`,
  till: 'POS',
  reference: 'POS 참조 번호',
  cart: '품목',
  lineTotal: '합계',
  section: 'POS 연동',
  intro: '매장의 POS가 금액을 이 단말기로 보내고 결제 결과를 받습니다. 금액을 두 번 입력할 필요가 없습니다. 켜기 전까지는 꺼져 있습니다.',
  enabled: 'POS 연동 켜기',
  allowLan: '매장 네트워크의 POS도 허용 (HTTPS)',
  lanWarning: '매장 네트워크의 모든 기기가 POS 연동에 접속할 수 있게 됩니다. 키가 있는 페어링된 POS만 사용할 수 있으니, 신뢰하는 POS만 페어링하고 쓰지 않는 키는 해지하세요.',
  save: '저장',
  saving: '저장 중…',
  stateOff: '꺼짐: 어떤 POS도 이 단말기에 접속할 수 없습니다.',
  stateListening: '켜짐: POS를 기다리는 중입니다.',
  stateError: (code) => `시작하지 못했습니다 (${code}). 다른 프로그램이 포트를 쓰고 있지 않은지 확인한 뒤 다시 저장하세요.`,
  thisPc: '이 PC의 POS',
  shopNetwork: '매장 네트워크의 POS',
  fingerprint: '인증서 지문 (SHA-256)',
  fingerprintHint: '매장 네트워크로 페어링할 때 POS가 이 값을 확인합니다.',
  pairTitle: 'POS 페어링',
  pairIntro: '일회용 코드를 만들어 POS에 입력하세요. POS는 이 코드를 자신의 키로 교환합니다.',
  tillName: 'POS 이름',
  tillNameHint: '판매 화면과 영수증에 표시됩니다. 예: POS 1',
  scopes: '허용 범위',
  scopePayments: '결제 (시작, 취소, 조회)',
  scopeRefunds: '환불',
  createCode: '페어링 코드 만들기',
  codeFor: (till) => `${till}용 페어링 코드`,
  codeExpires: (time) => `${time}까지 유효하며 한 번만 쓸 수 있습니다.`,
  codeExpired: '코드가 만료되었습니다. 새 코드를 만드세요.',
  done: '완료',
  keys: '페어링된 POS',
  noKeys: '페어링된 POS가 아직 없습니다.',
  createdAt: (when) => `페어링: ${when}`,
  lastUsed: (when) => `마지막 사용: ${when}`,
  neverUsed: '아직 사용 안 함',
  revokedAt: (when) => `해지: ${when}`,
  revoke: '해지',
  revokeConfirm: (till) => `${till}의 키를 해지할까요? 즉시 사용할 수 없게 되며 POS를 다시 페어링해야 합니다.`,
  revokeYes: '키 해지',
  keep: '유지',
  needsOn: 'POS를 페어링하려면 먼저 POS 연동을 켜세요.',
  unavailable: '지금은 이 단말기에서 POS 연동을 사용할 수 없습니다.',
};
