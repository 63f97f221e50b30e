// The probe's readable summary: one line per call, then each field that differs from the sandbox's answer.
import type { ProbeReport } from './probe';

export function renderSummary(r: ProbeReport): string {
  const lines: string[] = [];
  lines.push(`opn-probe against ${r.apiBase} (test keys)`);
  lines.push(`  account API version   ${r.accountApiVersion}`);
  lines.push(`  KakaoPay              ${r.kakaopay.enabled === null ? 'unknown' : r.kakaopay.enabled ? `enabled (${r.kakaopay.currencies.join(', ') || 'no currency listed'})` : 'NOT enabled on this account'}`);
  const ex = r.expiresAt;
  lines.push(`  expires_at            ${ex.honoured === null ? 'not checked' : ex.honoured ? `honoured (asked ${ex.asked ?? ''})` : `IGNORED (asked ${ex.asked ?? ''}, answered ${ex.answered ?? ''}); the terminal expires charges itself`}`);
  lines.push('');
  for (const c of r.calls) {
    const status = c.httpStatus === null ? '' : ` HTTP ${c.httpStatus}`;
    lines.push(`  ${c.outcome.toUpperCase().padEnd(8)} ${c.name} (${c.request})${status}${c.detail ? `: ${c.detail}` : ''}`);
    for (const f of c.fields) {
      const what = f.kind === 'missing' ? `missing${f.required ? ' (REQUIRED by the terminal)' : ''}` : f.kind === 'extra' ? `extra (${f.found ?? ''})` : `shaped differently: expected ${f.expected ?? ''}, found ${f.found ?? ''}`;
      lines.push(`             ${f.path}: ${what}`);
    }
  }
  lines.push('');
  lines.push(r.ready ? 'READY: every call the terminal makes was answered and parsed.' : 'NOT READY: see the calls above.');
  return `${lines.join('\n')}\n`;
}
