// The probe's readable summary: what it settled, then a table of every call (outcome, HTTP status, why), then
// each field that differs from the sandbox's answer (extras marked known — recorded Opn answers carry them —
// or NEW).
import type { ProbeReport } from './probe';

export function renderSummary(r: ProbeReport): string {
  const lines: string[] = [];
  lines.push(`opn-probe against ${r.apiBase} (test keys)`);
  lines.push(`  account API version   ${r.accountApiVersion}`);
  lines.push(`  KakaoPay              ${r.kakaopay.enabled === null ? 'unknown' : r.kakaopay.enabled ? `enabled (${r.kakaopay.currencies.join(', ') || 'no currency listed'})` : 'NOT enabled on this account'}`);
  const ex = r.expiresAt;
  lines.push(`  expires_at            ${ex.honoured === null ? 'not checked' : ex.honoured ? `honoured (asked ${ex.asked ?? ''})` : `IGNORED (asked ${ex.asked ?? ''}, answered ${ex.answered ?? ''}); the terminal expires charges itself`}`);
  lines.push(`  manual capture        ${r.manualCapture === 'supported' ? 'supported (capture=false accepted)' : r.manualCapture === 'refused' ? 'REFUSED for KakaoPay: the terminal captures automatically' : 'unknown'}`);
  lines.push(`  Idempotency-Key       ${r.idempotency === 'honoured' ? 'honoured (the repeated request answered the same charge)' : r.idempotency === 'not honoured' ? 'NOT honoured (a second charge was created, then expired); the terminal does not rely on it' : 'unknown'}`);
  const w = r.webhook;
  lines.push(`  webhook via forwarder ${w.outcome === 'arrived' ? `arrived (${w.eventKey ?? ''}, signature ${w.signature ?? ''})` : w.outcome === 'never came' ? `NEVER CAME within the wait (${Math.round((w.waitedMs ?? 0) / 1000)} s)` : 'not configured (--forwarder-url)'}`);
  lines.push('');
  const rows = r.calls.map((c) => [c.outcome.toUpperCase(), c.name, c.httpStatus === null ? '' : String(c.httpStatus), c.detail ?? '']);
  const head = ['OUTCOME', 'CALL', 'HTTP', 'DETAIL'];
  const width = (i: number): number => Math.max(head[i]?.length ?? 0, ...rows.map((row) => row[i]?.length ?? 0));
  const fmt = (row: string[]): string => `  ${row.slice(0, 3).map((cell, i) => cell.padEnd(width(i))).join('  ')}  ${row[3] ?? ''}`.trimEnd();
  lines.push(fmt(head));
  for (const row of rows) lines.push(fmt(row));
  const diffs = r.calls.filter((c) => c.fields.length > 0);
  if (diffs.length > 0) lines.push('', '  Fields that differ from the sandbox:');
  for (const c of diffs) {
    lines.push(`  ${c.name}`);
    for (const f of c.fields) {
      const what = f.kind === 'missing' ? `missing${f.required ? ' (REQUIRED by the terminal)' : ''}` : f.kind === 'extra' ? `extra (${f.found ?? ''}, ${f.known ? 'known' : 'NEW'})` : `shaped differently: expected ${f.expected ?? ''}, found ${f.found ?? ''}`;
      lines.push(`    ${f.path}: ${what}`);
    }
  }
  lines.push('');
  lines.push(r.ready ? 'READY: every call the terminal makes was answered and parsed.' : 'NOT READY: see the calls above.');
  return `${lines.join('\n')}\n`;
}
