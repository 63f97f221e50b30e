// Everything that reaches the HTML template passes through here: shop names, cashier names and
// failure messages are user or API text and must never become markup.
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => MAP[c] ?? c);
}
