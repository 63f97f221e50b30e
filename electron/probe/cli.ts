// `npm run opn-probe -- --secret-key skey_test_… [--public-key pkey_test_…] [--api-base <url>] [--out <dir>]`
// Exit 0: ready; 1: a call the terminal needs failed or did not parse; 2: bad flags, a live key, or no network.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OPN_DEFAULT_BASE_URL } from '../core/opn/index';
import { ProbeUnreachable, runProbe } from './probe';
import { redact } from './redact';
import { renderSummary } from './summary';
import type { Currency } from '../../shared';
import type { ForwarderTarget } from './webhook-watch';

export const PROBE_USAGE = `Usage: npm run opn-probe -- --secret-key skey_test_… [--public-key pkey_test_…] [--api-base <url>] [--currency SGD|THB] [--out <dir>]
         [--forwarder-url ws(s)://…/terminals --forwarder-terminal <probe terminal id> --forwarder-token <its token> [--webhook-wait-sec 60]]

Makes every call the terminal makes against Opn TEST mode, parses each answer with the terminal's schemas,
and writes opn-probe-report.json (redacted) and a summary. Live keys are refused.`;

class UsageError extends Error {}

interface Flags {
  secretKey: string;
  publicKey?: string;
  apiBase: string;
  currency?: Currency;
  out: string;
  forwarder?: ForwarderTarget;
}

function parse(argv: readonly string[]): Flags {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { 'secret-key': { type: 'string' }, 'public-key': { type: 'string' }, 'api-base': { type: 'string' }, currency: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' },
        'forwarder-url': { type: 'string' }, 'forwarder-terminal': { type: 'string' }, 'forwarder-token': { type: 'string' }, 'webhook-wait-sec': { type: 'string' } },
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) throw new UsageError(PROBE_USAGE);
  const secretKey = values['secret-key'] ?? '';
  if (!secretKey) throw new UsageError('--secret-key is required (a TEST key, skey_test_…)');
  // Never echo a key back: only say which flag is wrong.
  if (/^skey_(?!test_)/.test(secretKey) || /^pkey_(?!test_)/.test(values['public-key'] ?? 'pkey_test_')) throw new UsageError('opn-probe refuses live keys: use your Opn TEST keys (skey_test_…, pkey_test_…)');
  if (!/^skey_test_[0-9a-z]+$/.test(secretKey)) throw new UsageError('--secret-key must look like skey_test_…');
  const publicKey = values['public-key'];
  if (publicKey !== undefined && !/^pkey_test_[0-9a-z]+$/.test(publicKey)) throw new UsageError('--public-key must look like pkey_test_…');
  const apiBase = (values['api-base'] ?? OPN_DEFAULT_BASE_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new UsageError('--api-base is not a URL');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new UsageError('--api-base must be https (http only on loopback, for the sandbox)');
  const currency = values.currency?.toUpperCase();
  if (currency !== undefined && currency !== 'SGD' && currency !== 'THB') throw new UsageError('--currency must be SGD or THB');
  let forwarder: ForwarderTarget | undefined;
  if (values['forwarder-url'] !== undefined) {
    const fUrl = values['forwarder-url'];
    if (!/^wss?:\/\/[^\s]+$/.test(fUrl)) throw new UsageError('--forwarder-url must be a ws:// or wss:// URL (…/terminals)');
    const terminalId = values['forwarder-terminal'] ?? '';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(terminalId)) throw new UsageError('--forwarder-terminal is required with --forwarder-url (the probe\'s own terminal id; create its token with `npm run forwarder -- token create <id>`)');
    const token = values['forwarder-token'] ?? '';
    if (token.length < 16) throw new UsageError('--forwarder-token is required with --forwarder-url');
    const wait = Number(values['webhook-wait-sec'] ?? '60');
    if (!Number.isInteger(wait) || wait < 1 || wait > 600) throw new UsageError('--webhook-wait-sec must be 1-600');
    forwarder = { url: fUrl, terminalId, token, waitMs: wait * 1000 };
  }
  return { secretKey, ...(publicKey ? { publicKey } : {}), apiBase, ...(currency ? { currency } : {}), out: values.out ?? process.cwd(), ...(forwarder ? { forwarder } : {}) };
}

export async function main(argv: readonly string[]): Promise<number> {
  let flags: Flags;
  try {
    flags = parse(argv);
  } catch (e) {
    process.stderr.write(`opn-probe: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const report = await runProbe(flags);
    const secrets = [flags.secretKey, ...(flags.publicKey ? [flags.publicKey] : []), ...(flags.forwarder ? [flags.forwarder.token] : [])];
    const file = path.join(flags.out, 'opn-probe-report.json');
    writeFileSync(file, `${JSON.stringify(redact(report, secrets), null, 2)}\n`);
    process.stdout.write(redact(renderSummary(report), secrets));
    process.stdout.write(`report: ${file}\n`);
    return report.ready ? 0 : 1;
  } catch (e) {
    if (e instanceof ProbeUnreachable) {
      process.stderr.write(`opn-probe: no network: cannot reach ${new URL(flags.apiBase).host} (${e.message}); check the connection and --api-base\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
