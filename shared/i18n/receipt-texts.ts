// The cashier window's texts for receipts, printers and the store report, in the three cashier
// languages (one group, so each language file names it once).
export interface ReceiptTexts {
  readonly printReceipt: string;
  readonly reprint: string;
  readonly printSlip: string;
  readonly preview: string;
  readonly hidePreview: string;
  readonly sending: string;
  readonly queued: string;
  readonly autoPrinting: string;
  readonly printed: string;
  /** A print failed: the job waits in the queue. */
  readonly failed: string;
  readonly gaveUp: string;
  readonly dismiss: string;
  readonly errors: {
    readonly printerNotConfigured: string;
    readonly printerUnreachable: string;
    readonly printerFailed: string;
    readonly saleNotFound: string;
    readonly refundNotFound: string;
  };
  readonly settings: {
    readonly section: string;
    readonly address: string;
    readonly taxId: string;
    readonly taxIdHint: string;
    readonly printerKind: string;
    readonly kinds: { readonly none: string; readonly os: string; readonly escpos: string };
    readonly host: string;
    readonly hostHint: string;
    readonly port: string;
    readonly osPrinterName: string;
    readonly osPrinterHint: string;
    readonly browserOsHint: string;
    readonly paper: string;
    readonly autoPrint: string;
    readonly testPage: string;
    readonly testPageOk: string;
    readonly saveFirst: string;
  };
  readonly store: {
    readonly tab: string;
    readonly title: string;
    readonly intro: string;
    readonly show: string;
    readonly fetching: (fetched: number, total: number) => string;
    readonly terminal: string;
    readonly thisTerminal: string;
    readonly charges: string;
    readonly paid: string;
    readonly gross: string;
    readonly refunds: string;
    readonly voids: string;
    readonly fees: string;
    readonly net: string;
    readonly total: string;
    readonly own: string;
    readonly ownHint: string;
    readonly none: string;
    readonly otherStores: (n: number) => string;
    readonly otherCurrency: (n: number) => string;
    readonly requests: (n: number) => string;
    readonly exportCsv: string;
    readonly exportPdf: string;
  };
}

export const RECEIPT_TEXTS_EN: ReceiptTexts = {
  printReceipt: 'Print receipt',
  reprint: 'Reprint',
  printSlip: 'Print slip',
  preview: 'Show receipt',
  hidePreview: 'Hide receipt',
  sending: 'Sending…',
  queued: 'Sent to the printer.',
  autoPrinting: 'Printing the receipt…',
  printed: 'Receipt printed.',
  failed: 'Printer not reachable — the receipt is queued; Reprint later.',
  gaveUp: 'The receipt could not be printed. Reprint it from the sale.',
  dismiss: 'Dismiss',
  errors: {
    printerNotConfigured: 'No receipt printer is chosen: pick one in Settings → Receipts & printer.',
    printerUnreachable: 'Printer not reachable. Check that it is on, has paper and is on the network.',
    printerFailed: 'The printer refused the job.',
    saleNotFound: 'This sale is not on this terminal.',
    refundNotFound: 'This refund is not on this sale.',
  },
  settings: {
    section: 'Receipts & printer',
    address: 'Address on receipts',
    taxId: 'Tax registration number',
    taxIdHint: 'GST reg. no. (SG) or TIN (TH); optional.',
    printerKind: 'Printer',
    kinds: { none: 'No printer', os: 'System printer', escpos: 'Network printer (ESC/POS)' },
    host: 'Printer address',
    hostHint: 'IP address or host name, e.g. 192.168.1.50',
    port: 'Port',
    osPrinterName: 'System printer name',
    osPrinterHint: 'Empty: the default printer.',
    browserOsHint: 'In a browser the receipt opens in the browser’s print dialog.',
    paper: 'Paper',
    autoPrint: 'Print the receipt automatically when a sale is paid',
    testPage: 'Print test page',
    testPageOk: 'Test page printed.',
    saveFirst: 'Save the printer settings first.',
  },
  store: {
    tab: 'Store',
    title: 'Store day report',
    intro: 'Every terminal of this store, from Opn’s charge list.',
    show: 'Show store report',
    fetching: (fetched, total) => `Fetching charges from Opn: ${fetched} of ${total}`,
    terminal: 'Terminal',
    thisTerminal: 'this terminal',
    charges: 'Charges',
    paid: 'Paid',
    gross: 'Gross',
    refunds: 'Refunds',
    voids: 'Voids',
    fees: 'Fees + VAT',
    net: 'Net',
    total: 'Store total',
    own: 'This terminal’s record',
    ownHint: 'Refunds are counted on the day they were made here, on the charge’s day at Opn.',
    none: 'No charges for this store on this day.',
    otherStores: (n) => `${n} charge${n === 1 ? '' : 's'} of other stores left out.`,
    otherCurrency: (n) => `${n} charge${n === 1 ? '' : 's'} in another currency left out.`,
    requests: (n) => `${n} request${n === 1 ? '' : 's'} to Opn.`,
    exportCsv: 'Export CSV',
    exportPdf: 'Export PDF',
  },
};

export const RECEIPT_TEXTS_TH: ReceiptTexts = {
  printReceipt: 'พิมพ์ใบเสร็จ',
  reprint: 'พิมพ์ซ้ำ',
  printSlip: 'พิมพ์สลิป',
  preview: 'แสดงใบเสร็จ',
  hidePreview: 'ซ่อนใบเสร็จ',
  sending: 'กำลังส่ง…',
  queued: 'ส่งไปยังเครื่องพิมพ์แล้ว',
  autoPrinting: 'กำลังพิมพ์ใบเสร็จ…',
  printed: 'พิมพ์ใบเสร็จแล้ว',
  failed: 'ติดต่อเครื่องพิมพ์ไม่ได้ — ใบเสร็จอยู่ในคิว พิมพ์ซ้ำภายหลังได้',
  gaveUp: 'พิมพ์ใบเสร็จไม่สำเร็จ พิมพ์ซ้ำได้จากรายการขาย',
  dismiss: 'ปิด',
  errors: {
    printerNotConfigured: 'ยังไม่ได้เลือกเครื่องพิมพ์ใบเสร็จ: เลือกได้ที่ การตั้งค่า → ใบเสร็จและเครื่องพิมพ์',
    printerUnreachable: 'ติดต่อเครื่องพิมพ์ไม่ได้ ตรวจสอบว่าเปิดอยู่ มีกระดาษ และเชื่อมต่อเครือข่าย',
    printerFailed: 'เครื่องพิมพ์ปฏิเสธงานพิมพ์',
    saleNotFound: 'ไม่พบรายการขายนี้ในเครื่องนี้',
    refundNotFound: 'ไม่พบการคืนเงินนี้ในรายการขาย',
  },
  settings: {
    section: 'ใบเสร็จและเครื่องพิมพ์',
    address: 'ที่อยู่บนใบเสร็จ',
    taxId: 'เลขประจำตัวผู้เสียภาษี',
    taxIdHint: 'GST (สิงคโปร์) หรือ TIN (ไทย) ไม่บังคับ',
    printerKind: 'เครื่องพิมพ์',
    kinds: { none: 'ไม่มีเครื่องพิมพ์', os: 'เครื่องพิมพ์ของระบบ', escpos: 'เครื่องพิมพ์เครือข่าย (ESC/POS)' },
    host: 'ที่อยู่เครื่องพิมพ์',
    hostHint: 'IP หรือชื่อโฮสต์ เช่น 192.168.1.50',
    port: 'พอร์ต',
    osPrinterName: 'ชื่อเครื่องพิมพ์ของระบบ',
    osPrinterHint: 'เว้นว่าง: เครื่องพิมพ์เริ่มต้น',
    browserOsHint: 'ในเบราว์เซอร์ ใบเสร็จจะเปิดในหน้าต่างพิมพ์ของเบราว์เซอร์',
    paper: 'กระดาษ',
    autoPrint: 'พิมพ์ใบเสร็จอัตโนมัติเมื่อชำระเงินแล้ว',
    testPage: 'พิมพ์หน้าทดสอบ',
    testPageOk: 'พิมพ์หน้าทดสอบแล้ว',
    saveFirst: 'บันทึกการตั้งค่าเครื่องพิมพ์ก่อน',
  },
  store: {
    tab: 'ร้าน',
    title: 'รายงานประจำวันของร้าน',
    intro: 'ทุกเครื่องของร้านนี้ จากรายการชำระเงินของ Opn',
    show: 'แสดงรายงานของร้าน',
    fetching: (fetched, total) => `กำลังดึงรายการจาก Opn: ${fetched} จาก ${total}`,
    terminal: 'เครื่อง',
    thisTerminal: 'เครื่องนี้',
    charges: 'รายการ',
    paid: 'ชำระแล้ว',
    gross: 'ยอดรวม',
    refunds: 'คืนเงิน',
    voids: 'ยกเลิก',
    fees: 'ค่าธรรมเนียม + VAT',
    net: 'สุทธิ',
    total: 'รวมทั้งร้าน',
    own: 'บันทึกของเครื่องนี้',
    ownHint: 'เครื่องนี้นับการคืนเงินในวันที่ทำ ส่วน Opn นับในวันของรายการ',
    none: 'ไม่มีรายการของร้านนี้ในวันนี้',
    otherStores: (n) => `ไม่นับ ${n} รายการของร้านอื่น`,
    otherCurrency: (n) => `ไม่นับ ${n} รายการในสกุลเงินอื่น`,
    requests: (n) => `${n} คำขอไปยัง Opn`,
    exportCsv: 'ส่งออก CSV',
    exportPdf: 'ส่งออก PDF',
  },
};

export const RECEIPT_TEXTS_KO: ReceiptTexts = {
  printReceipt: '영수증 인쇄',
  reprint: '재인쇄',
  printSlip: '전표 인쇄',
  preview: '영수증 보기',
  hidePreview: '영수증 숨기기',
  sending: '보내는 중…',
  queued: '프린터로 보냈습니다.',
  autoPrinting: '영수증 인쇄 중…',
  printed: '영수증을 인쇄했습니다.',
  failed: '프린터에 연결할 수 없습니다 — 영수증은 대기열에 있습니다. 나중에 재인쇄하세요.',
  gaveUp: '영수증을 인쇄하지 못했습니다. 거래에서 재인쇄하세요.',
  dismiss: '닫기',
  errors: {
    printerNotConfigured: '영수증 프린터가 선택되지 않았습니다: 설정 → 영수증 및 프린터에서 선택하세요.',
    printerUnreachable: '프린터에 연결할 수 없습니다. 전원, 용지, 네트워크를 확인하세요.',
    printerFailed: '프린터가 작업을 거부했습니다.',
    saleNotFound: '이 단말기에 없는 거래입니다.',
    refundNotFound: '이 거래에 없는 환불입니다.',
  },
  settings: {
    section: '영수증 및 프린터',
    address: '영수증 주소',
    taxId: '사업자 등록번호',
    taxIdHint: 'GST 등록번호(싱가포르) 또는 TIN(태국), 선택 사항.',
    printerKind: '프린터',
    kinds: { none: '프린터 없음', os: '시스템 프린터', escpos: '네트워크 프린터 (ESC/POS)' },
    host: '프린터 주소',
    hostHint: 'IP 주소 또는 호스트 이름, 예: 192.168.1.50',
    port: '포트',
    osPrinterName: '시스템 프린터 이름',
    osPrinterHint: '비워 두면 기본 프린터.',
    browserOsHint: '브라우저에서는 브라우저의 인쇄 창이 열립니다.',
    paper: '용지',
    autoPrint: '결제가 완료되면 영수증 자동 인쇄',
    testPage: '테스트 페이지 인쇄',
    testPageOk: '테스트 페이지를 인쇄했습니다.',
    saveFirst: '먼저 프린터 설정을 저장하세요.',
  },
  store: {
    tab: '매장',
    title: '매장 일일 보고서',
    intro: 'Opn의 결제 목록에서 가져온 이 매장의 모든 단말기.',
    show: '매장 보고서 보기',
    fetching: (fetched, total) => `Opn에서 결제 가져오는 중: ${total}건 중 ${fetched}건`,
    terminal: '단말기',
    thisTerminal: '이 단말기',
    charges: '결제 건수',
    paid: '완료',
    gross: '총액',
    refunds: '환불',
    voids: '취소',
    fees: '수수료 + VAT',
    net: '순액',
    total: '매장 합계',
    own: '이 단말기의 기록',
    ownHint: '이 단말기는 환불한 날에, Opn은 결제한 날에 환불을 셉니다.',
    none: '이 날 이 매장의 결제가 없습니다.',
    otherStores: (n) => `다른 매장의 결제 ${n}건은 제외했습니다.`,
    otherCurrency: (n) => `다른 통화의 결제 ${n}건은 제외했습니다.`,
    requests: (n) => `Opn 요청 ${n}회.`,
    exportCsv: 'CSV 내보내기',
    exportPdf: 'PDF 내보내기',
  },
};
