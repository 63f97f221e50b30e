// `npm run sandbox`: serve the Opn sandbox until SIGINT/SIGTERM. Prints the base URL and the test keys.
import { z } from 'zod';
import { UsageError, USAGE, describeOptionsError, parseCli } from './cli-args';
import { startSandbox } from './index';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`sandbox: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  let sandbox;
  try {
    sandbox = await startSandbox(parsed.options);
  } catch (err) {
    if (err instanceof z.ZodError) {
      process.stderr.write(`sandbox: ${describeOptionsError(err)}\n`);
      process.exit(2);
    }
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(`sandbox: cannot listen: ${code ?? (err instanceof Error ? err.message : String(err))}\n`);
    process.exit(1);
  }
  const o = parsed.options;
  // These are sandbox test credentials, printed on purpose so a newcomer can paste them into curl.
  process.stdout.write(
    [
      `Opn sandbox (test mode) listening`,
      `  base URL        ${sandbox.baseUrl}`,
      ...(sandbox.publicBaseUrl !== sandbox.baseUrl ? [`  authorize page  ${sandbox.publicBaseUrl}/payments/…/authorize`] : []),
      `  country         ${o.country ?? 'SG'}`,
      `  public key      ${sandbox.publicKey}`,
      `  secret key      ${sandbox.secretKey}`,
      `  webhook secret  ${o.webhookSecret ? '(as given)' : sandbox.webhookSecret}`,
      `  webhooks to     ${(o.webhookEndpoints ?? []).join(', ') || '(none)'}`,
      `  idempotency     ${o.idempotency === true ? 'on (--idempotency; unverified upstream)' : 'off'}`,
      `  API version     ${o.apiVersion ?? '2019-05-29'} (webhooks and events)`,
      `  expires_at      ${o.ignoreExpiresAt ? 'ignored (created + 7 days)' : 'honoured'}`,
      `  manual capture  ${o.allowManualCapture ? 'allowed for KakaoPay (--allow-manual-capture)' : 'refused for KakaoPay (capture=false → 400)'}`,
      `  retries signed  ${o.retryKeepsFirstTimestamp ? 'with the first attempt\'s timestamp' : 'at each attempt'}`,
      ...(o.omitFields?.length ? [`  omitted fields  ${o.omitFields.join(', ')}`] : []),
      ``,
      `  export OMISE_API=${sandbox.baseUrl} OMISE_PUBLIC_KEY=${sandbox.publicKey} OMISE_SECRET_KEY=${sandbox.secretKey}`,
      ``,
    ].join('\n'),
  );
  const shutdown = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
