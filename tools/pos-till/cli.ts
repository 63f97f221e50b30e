// `npm run pos -- pay 12.50 --ref A-1042`: the reference till on the command line (see till.ts).
import { PosApiError } from './client';
import { runTill } from './till';

runTill(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  onInterrupt(handler) {
    process.once('SIGINT', () => {
      process.stdout.write('canceling…\n');
      handler();
    });
  },
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const e = error as Error;
    process.stderr.write(`pos: ${e instanceof PosApiError ? `${e.code}: ` : ''}${e.message}\n`);
    process.exit(e instanceof PosApiError && e.status === 0 ? 3 : 2);
  },
);
