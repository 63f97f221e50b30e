// Receipts in the cashier window: print buttons, the preview and the printer's notices.
import './receipts.css';

export { PrintNotices } from './PrintNotices';
export { PrintReceiptButton, PrintSlipButton, ReceiptPreview } from './ReceiptActions';
export { useSalePrintState } from './print-state';
