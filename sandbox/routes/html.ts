// Escaping for the sandbox's HTML pages (the authorize page, the desktop checkout, the wallet).
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=/]/g, (c) => `&#${c.charCodeAt(0)};`);
}
