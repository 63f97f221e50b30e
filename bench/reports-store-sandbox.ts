// The store report bench's sandbox, in a worker thread of its own: Opn is another server, so the
// sandbox's work (serialising pages) does not share the report's thread. Driven over HTTP (the API and
// the /__sandbox controls); answers { baseUrl, secretKey } once listening, stops on 'stop'.
import { parentPort, workerData } from 'node:worker_threads';
import type { SandboxOptions } from '../sandbox/index';
import { startSandbox } from '../sandbox/index';

const port = parentPort;
if (!port) throw new Error('reports-store-sandbox runs as a worker thread');
const sb = await startSandbox((workerData as { options: SandboxOptions }).options);
port.on('message', (m: unknown) => {
  if (m === 'stop') void sb.stop().then(() => port.close());
});
port.postMessage({ baseUrl: sb.baseUrl, secretKey: sb.secretKey });
