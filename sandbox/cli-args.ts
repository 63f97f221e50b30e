// `npm run sandbox -- [flags]`: flags and environment → SandboxOptions. Bad input exits with code 2.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { SandboxOptions } from './index';

export const USAGE = `Usage: npm run sandbox -- [options]

  --port <n>                    TCP port (0 = a free port; env SANDBOX_PORT; default 4010)
  --host <addr>                 bind address (env SANDBOX_HOST; default 127.0.0.1). Bind a LAN address
                                (or 0.0.0.0) only to let a phone open the authorize page from the QR code
  --public-base-url <url>       base URL put in authorize_uri (default: the bound address, or the first
                                LAN IPv4 address when bound to 0.0.0.0)
  --country SG|TH               account country, currency SGD or THB (env SANDBOX_COUNTRY; default SG)
  --public-key <pkey_test_…>    env SANDBOX_PUBLIC_KEY
  --secret-key <skey_test_…>    env SANDBOX_SECRET_KEY
  --webhook-secret <base64>     env SANDBOX_WEBHOOK_SECRET (default: generated)
  --webhook-endpoint <url>      account webhook endpoint; repeatable (env SANDBOX_WEBHOOK_ENDPOINTS, comma-separated)
  --merchant-name <text>        shown on the authorize page
  --idempotency                 replay POSTs that repeat an Idempotency-Key (24 h). Off by default: no
                                Opn document or SDK mentions the header, so the terminal must not need it
  --no-idempotency              ignore Idempotency-Key headers (the default)
  --api-version 2017-11-02|2019-05-29
                                the account's API version: webhooks and the Events API are serialised in it
                                (default 2019-05-29)
  --ignore-expires-at           answer created + 7 days whatever expires_at a charge asks for
  --omit-field <path>           drop a field from every charge answered (dotted, e.g. source.absorption_type);
                                repeatable: imitates real answers that lack fields of the guide's example
  --retry-keeps-first-timestamp
                                webhook retries keep the first attempt's Omise-Signature-Timestamp
                                (default: each attempt is signed with the time it is sent)
  --allow-manual-capture        accept capture=false for KakaoPay (default: refused with 400 bad_request,
                                as Opn documents capture for card charges only)
  --allow-insecure-return-uri   accept http://localhost and http://127.0.0.1 return_uri
  --quiet                       no request log
  --help
`;

export class UsageError extends Error {}

const portSchema = z.string().regex(/^\d{1,5}$/, 'must be a number 0-65535').transform(Number).pipe(z.number().max(65535, 'must be a number 0-65535'));

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): { help: true } | { help: false; options: SandboxOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'public-base-url': { type: 'string' },
        country: { type: 'string' },
        'public-key': { type: 'string' },
        'secret-key': { type: 'string' },
        'webhook-secret': { type: 'string' },
        'webhook-endpoint': { type: 'string', multiple: true },
        'merchant-name': { type: 'string' },
        'no-idempotency': { type: 'boolean' },
        idempotency: { type: 'boolean' },
        'api-version': { type: 'string' },
        'ignore-expires-at': { type: 'boolean' },
        'omit-field': { type: 'string', multiple: true },
        'allow-insecure-return-uri': { type: 'boolean' },
        'retry-keeps-first-timestamp': { type: 'boolean' },
        'allow-manual-capture': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    // parseArgs names the flag; it never echoes values.
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return { help: true };

  const portText = values.port ?? env.SANDBOX_PORT ?? '4010';
  const port = portSchema.safeParse(portText);
  if (!port.success) throw new UsageError(`--port ${port.error.issues[0]?.message ?? 'is invalid'}`);
  const countryText = (values.country ?? env.SANDBOX_COUNTRY ?? 'SG').toUpperCase();
  if (countryText !== 'SG' && countryText !== 'TH') throw new UsageError('--country must be SG or TH');
  const host = values.host ?? env.SANDBOX_HOST ?? '127.0.0.1';
  const endpoints = values['webhook-endpoint'] ?? (env.SANDBOX_WEBHOOK_ENDPOINTS ? env.SANDBOX_WEBHOOK_ENDPOINTS.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const publicBaseUrl = values['public-base-url'];
  const apiVersion = values['api-version'] ?? '2019-05-29';
  if (apiVersion !== '2017-11-02' && apiVersion !== '2019-05-29') throw new UsageError('--api-version must be 2017-11-02 or 2019-05-29');
  if (values.idempotency && values['no-idempotency']) throw new UsageError('--idempotency and --no-idempotency contradict each other');

  const options: SandboxOptions = {
    port: port.data,
    host,
    country: countryText,
    publicKey: values['public-key'] ?? env.SANDBOX_PUBLIC_KEY,
    secretKey: values['secret-key'] ?? env.SANDBOX_SECRET_KEY,
    webhookSecret: values['webhook-secret'] ?? env.SANDBOX_WEBHOOK_SECRET,
    webhookEndpoints: endpoints,
    idempotency: values.idempotency === true,
    apiVersion,
    ignoreExpiresAt: values['ignore-expires-at'] ?? false,
    ...(values['omit-field'] ? { omitFields: values['omit-field'] } : {}),
    allowInsecureReturnUri: values['allow-insecure-return-uri'] ?? false,
    ...(values['retry-keeps-first-timestamp'] ? { retryKeepsFirstTimestamp: true } : {}),
    ...(values['allow-manual-capture'] ? { allowManualCapture: true } : {}),
    quiet: values.quiet ?? false,
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    ...(values['merchant-name'] ? { merchantName: values['merchant-name'] } : {}),
  };
  for (const key of Object.keys(options) as (keyof SandboxOptions)[]) if (options[key] === undefined) delete options[key];
  return { help: false, options };
}

const FLAG_OF: Readonly<Record<string, string>> = {
  publicKey: '--public-key / SANDBOX_PUBLIC_KEY',
  secretKey: '--secret-key / SANDBOX_SECRET_KEY',
  webhookSecret: '--webhook-secret / SANDBOX_WEBHOOK_SECRET',
  webhookEndpoints: '--webhook-endpoint',
  publicBaseUrl: '--public-base-url',
  host: '--host',
  merchantName: '--merchant-name',
  omitFields: '--omit-field',
};

/** A zod error on options → a message naming the flag, never the (possibly secret) value. */
export function describeOptionsError(err: z.ZodError): string {
  const issue = err.issues[0];
  const key = String(issue?.path[0] ?? '');
  return `${FLAG_OF[key] ?? key} ${issue?.message ?? 'is invalid'}`;
}
