// `npm run forwarder [-- --port <p> --data <dir>]` serves; subcommands manage tokens and dead letters:
//   token create <terminal> | token revoke <terminal> | dead-letter list | dead-letter replay <id> --terminal <t>
// Serving needs OPN_WEBHOOK_SECRET, or --allow-unsigned (FORWARDER_ALLOW_UNSIGNED=1) for a demo or a test.
import { terminalIdSchema } from '../shared';
import { ConfigError, loadConfig, parseArgv } from './config';
import { createToken, startForwarder } from './index';
import { openStore } from './store/open';
import type { EventStore } from './store/types';

const USAGE = `usage: forwarder [--port <p>] [--host <h>] [--data <dir>] [--allow-unsigned]
       forwarder token create <terminal> | token revoke <terminal>
       forwarder dead-letter list | dead-letter replay <id> --terminal <terminal>`;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function terminalArg(value: string | undefined): string {
  const r = terminalIdSchema.safeParse(value);
  if (!r.success) throw new ConfigError(`bad terminal id: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

async function withStore<T>(opts: Parameters<typeof openStore>[0], fn: (s: EventStore) => Promise<T>): Promise<T> {
  const store = await openStore(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  // Asking for help is not a mistake: the usage on stdout, exit 0, nothing started or opened.
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    out('Configured by environment variables: docs/forwarder.md.');
    return 0;
  }
  const { words, flags } = parseArgv(argv);
  const options = loadConfig(process.env, flags);
  const [cmd, sub, arg] = words;
  if (cmd === undefined) {
    const fwd = await startForwarder(options);
    out(`forwarder listening on ${fwd.url} (webhooks: ${fwd.webhookUrl}, terminals: ${fwd.wsUrl}, store: ${fwd.store.summary})`);
    out(`metrics on ${fwd.metricsUrl ?? '(none)'}${options.metricsToken ? ' (and on the public port with the metrics bearer token)' : ''}`);
    const shutdown = (): void => {
      void fwd.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return new Promise<number>(() => undefined);
  }
  if (cmd === 'token' && sub === 'create' && words.length === 3) {
    const token = await withStore(options, (s) => createToken(s, terminalArg(arg)));
    out(token);
    return 0;
  }
  if (cmd === 'token' && sub === 'revoke' && words.length === 3) {
    const id = terminalArg(arg);
    const revoked = await withStore(options, async (s) => {
      const r = await s.revokeToken(id);
      await s.publishKick(id, 'revoked', 'cli');
      return r;
    });
    out(revoked ? `revoked the token of ${id}` : `${id} had no active token`);
    return 0;
  }
  if (cmd === 'dead-letter' && sub === 'list' && words.length === 2) {
    const list = await withStore(options, (s) => s.listDeadLetters());
    for (const d of list) {
      out(JSON.stringify({ id: d.id, eventId: d.eventId, eventKey: d.eventKey, receivedAt: d.receivedAt, reason: d.reason, terminalHint: d.terminalHint, signature: d.signature, replayedTo: d.replayedTo }));
    }
    if (list.length === 0) process.stderr.write('no dead letters\n');
    return 0;
  }
  if (cmd === 'dead-letter' && sub === 'replay' && words.length === 3 && arg) {
    const terminal = terminalArg(flags.terminal);
    const result = await withStore(options, async (s) => {
      if (!(await s.isKnownTerminal(terminal))) throw new ConfigError(`unknown terminal ${terminal}: create a token for it first`);
      return s.replayDeadLetter(arg, terminal);
    });
    if (!result) {
      process.stderr.write(`error [not_found]: no dead letter ${arg}\n`);
      return 1;
    }
    out(JSON.stringify({ replayed: arg, terminalId: result.terminalId, seq: result.seq, duplicate: result.duplicate }));
    return 0;
  }
  throw new ConfigError(`unknown command "${words.join(' ')}"\n${USAGE}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`error [${err.code}]: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`error [failed]: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
