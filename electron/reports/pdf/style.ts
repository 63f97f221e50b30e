// Print CSS of the day's report (A4, inline in the template; system fonts incl. Korean and Thai).
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "NanumGothic", "Loma", "DejaVu Sans", Arial, sans-serif; font-size: 10.5px; color: #1d2327; margin: 0; }
header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #2f6f5e; padding-bottom: 8px; margin-bottom: 6px; }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 13px; margin: 14px 0 6px; color: #2f6f5e; }
.right { text-align: right; }
.kind { font-weight: 700; font-size: 12px; }
.day { font-size: 18px; font-weight: 700; }
.muted { color: #667; }
.cols { display: grid; grid-template-columns: 1fr 1.25fr; gap: 18px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 3px 6px; text-align: left; vertical-align: top; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.totals th { font-weight: 400; }
.totals tbody tr { border-bottom: 1px solid #e6e9eb; }
.totals tr.strong th, .totals tr.strong td { font-weight: 700; }
.totals tr.warn th, .totals tr.warn td { color: #a33; font-weight: 700; }
.grid thead th { border-bottom: 1px solid #99a; font-weight: 700; }
.grid tbody tr:nth-child(even) { background: #f5f7f7; }
.grid tr { break-inside: avoid; }
.id { font-family: "DejaVu Sans Mono", monospace; font-size: 9px; }
thead { display: table-header-group; }
`;
