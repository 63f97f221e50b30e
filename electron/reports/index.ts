// Public surface of the reports (plain Node; never imports electron).
export { createReportService } from './service';
export type { ExportFormat, ReportService, ReportServiceOptions, ReportSettings, ReportProgress } from './service';
export type { PdfPrinter } from './pdf/printer';
export { reportHtml } from './pdf/template';
export { ReportError, ZRefusedError } from './errors';
export type { ReportErrorCode } from './errors';
export type { OpnChargeReader } from './reconcile/reconcile';
export { businessDayRange, businessDayOf, formatLocal } from '../../shared';
