// Structured logs (pino). Tokens, secrets and webhook bodies are never passed to the logger.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(quiet: boolean): Logger {
  return pino({ name: 'forwarder', level: quiet ? 'silent' : (process.env.LOG_LEVEL ?? 'info'), redact: ['token', 'authorization', 'secret', '*.token', '*.authorization'] });
}
