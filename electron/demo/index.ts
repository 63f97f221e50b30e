// The demo stack behind `npm start` with no configuration: the Opn sandbox and a webhook forwarder,
// both in this process on loopback, wired together the way the real services are (the sandbox's
// signed webhooks go to the forwarder, which relays them to the terminal over its websocket).
// Only this folder may import sandbox/ and forwarder/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startForwarder, type Forwarder } from '../../forwarder/index';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { DemoLauncher, DemoStack } from '../app/runtime';

/** Handles to the running demo, for tests that drive the sandbox or stop the forwarder. */
export interface DemoHandles {
  readonly sandbox: Sandbox;
  readonly forwarder: Forwarder;
}

export interface DemoLauncherOptions {
  /** Called with the live sandbox and forwarder every time the demo (re)starts. */
  onStart?: (handles: DemoHandles) => void;
  /** Sandbox webhook retry schedule (tests shorten it). */
  webhookRetryScheduleMs?: number[];
}

export function demoLauncher(options: DemoLauncherOptions = {}): DemoLauncher {
  return async ({ dataDir, country, terminalId, shopName }) => {
    const returnPage = await startReturnPage();
    const sandbox = await startSandbox({
      country,
      allowInsecureReturnUri: true,
      quiet: true,
      merchantName: shopName,
      ...(options.webhookRetryScheduleMs ? { webhookRetryScheduleMs: options.webhookRetryScheduleMs } : {}),
    });
    let forwarder: Forwarder;
    // The forwarder's event log belongs to this demo run's sandbox: start it empty, like the receipt log.
    const forwarderDir = path.join(dataDir, 'demo-forwarder');
    rmSync(forwarderDir, { recursive: true, force: true });
    try {
      forwarder = await startForwarder({ dataDir: forwarderDir, store: 'sqlite', webhookSecret: sandbox.webhookSecret, quiet: true });
    } catch (error) {
      await sandbox.stop();
      await closeServer(returnPage.server);
      throw error;
    }
    sandbox.setWebhookEndpoints([forwarder.webhookUrl]);
    const token = await forwarder.createToken(terminalId);
    options.onStart?.({ sandbox, forwarder });
    const stack: DemoStack = {
      country,
      terminalId,
      opnApiBase: sandbox.baseUrl,
      opnSecretKey: sandbox.secretKey,
      opnPublicKey: sandbox.publicKey,
      forwarderUrl: forwarder.wsUrl,
      forwarderToken: token,
      returnUri: returnPage.url,
      async stop() {
        await Promise.allSettled([forwarder.stop(), sandbox.stop(), closeServer(returnPage.server)]);
      },
    };
    return stack;
  };
}

// Where the payer's browser lands after the sandbox's authorize page (the charge's return_uri).
async function startReturnPage(): Promise<{ server: Server; url: string }> {
  const html =
    '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Payment finished</title>' +
    '<body style="font-family:system-ui,sans-serif;display:grid;place-items:center;height:100vh;margin:0;background:#f4f5f7;color:#16191d">' +
    '<main style="text-align:center"><h1>결제가 처리되었습니다 · Payment finished</h1><p>You can close this page and look at the counter.</p></main></body></html>';
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" }).end(req.method === 'HEAD' ? undefined : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/paid` };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
