// `npm start -- --browser` (and `npm start` where Electron's binary is missing): serves the cashier
// page and the customer display to a browser. Prints exactly two lines: the two URLs.
import { toAppError } from '../app/errors';
import { demoLauncher } from '../demo/index';
import { FlagError, parseStartFlags } from '../app/start-flags';
import { startBrowserMode } from './start';

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseStartFlags(process.argv.slice(2));
  } catch (error) {
    if (error instanceof FlagError) {
      console.error(`kakaopay-counter: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const mode = await startBrowserMode({ dataDir: flags.dataDir, ...(flags.restore ? { restoreFrom: flags.restore } : {}), ...(flags.port === undefined ? {} : { port: flags.port }), newCashierLink: flags.newCashierLink, demo: demoLauncher(), version: process.env.npm_package_version ?? '0.1.0' });
  process.stdout.write(`cashier: ${mode.server.cashierUrl}\ncustomer display: ${mode.server.displayUrl}\n`);
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    mode.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Typed start-up errors (settings file, database) carry a safe message; others only a reference.
  const mapped = toAppError(error);
  console.error(`kakaopay-counter: ${mapped.internal ? `could not start (${(error as Error)?.name ?? 'error'})` : mapped.error.message}`);
  if (process.env.KAKAOPAY_DEBUG_START === '1') console.error(error);
  process.exit(1);
});
