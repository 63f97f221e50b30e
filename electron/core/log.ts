// The core's logger: pino with every secret-bearing key redacted wherever it appears (two levels deep).
import pino from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

const SECRET_KEYS = [
  'secretKey',
  'secret_key',
  'publicKey',
  'apiKey',
  'key',
  'token',
  'forwarderToken',
  'pin',
  'managerPin',
  'pinHash',
  'password',
  'authorization',
  'Authorization',
  'webhookSecret',
  'cookie',
];

/** Paths pino redacts: the key at the top level, one level down, and two levels down (e.g. req.headers.authorization). */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export function createLogger(opts: { level?: string; name?: string; destination?: DestinationStream } = {}): Logger {
  const options = {
    name: opts.name ?? 'payment-core',
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** A logger that writes nothing (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Replaces every occurrence of the given secrets in free text (error messages from elsewhere). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}
