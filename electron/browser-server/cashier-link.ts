// The cashier link of this install: the token and the port of browser mode, kept in the data folder
// (`cashier-link.json`, 0600) so an open or bookmarked cashier page finds the terminal again after a
// restart. The token guards the same thing as before (only someone who can read the data folder, or was
// given the link, drives the terminal); `--new-cashier-link` makes a new one, and every older page is
// then told its link is out of date.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const CASHIER_LINK_FILE = 'cashier-link.json';

const linkSchema = z.strictObject({
  token: z.string().regex(/^[\w-]{32,128}$/),
  port: z.number().int().min(1).max(65535).optional(),
});

export interface CashierLink {
  readonly token: string;
  /** The port the last run listened on (reused when no --port is given and it is free). */
  readonly port?: number;
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The install's link, made on first use (or anew when `renew`, or when the file is unreadable). */
export function loadCashierLink(dataDir: string, options: { renew?: boolean } = {}): CashierLink {
  const file = path.join(dataDir, CASHIER_LINK_FILE);
  const stored = readLink(file);
  if (stored && !options.renew) return stored;
  // A new token keeps the port: the old pages then reach this terminal and learn their link is stale.
  const link: CashierLink = { token: newToken(), ...(stored?.port === undefined ? {} : { port: stored.port }) };
  writeLink(file, link);
  return link;
}

function readLink(file: string): CashierLink | null {
  try {
    const parsed = linkSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // missing or unreadable: a new link (the old one cannot be recovered anyway)
  }
}

/** Remembers the port this run listens on, so the same URL works after the next start. */
export function rememberPort(dataDir: string, link: CashierLink, port: number): CashierLink {
  if (link.port === port) return link;
  const next = { token: link.token, port };
  writeLink(path.join(dataDir, CASHIER_LINK_FILE), next);
  return next;
}

function writeLink(file: string, link: CashierLink): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(link)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
