// "Test connection" against a real sandbox and a real forwarder: it says which side failed and why,
// and never repeats a key or token.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnections } from '../../../electron/app/connection-check';
import { startForwarder, type Forwarder } from '../../../forwarder/index';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { tempDir } from '../../support/temp';
import { freePort } from '../../support/servers';

let dir: string;
let sandbox: Sandbox;
let forwarder: Forwarder;
let token: string;

beforeAll(async () => {
  dir = tempDir('check').dir;
  sandbox = await startSandbox({ quiet: true });
  forwarder = await startForwarder({ dataDir: dir, quiet: true, allowUnsigned: true });
  token = await forwarder.createToken('counter-9');
});
afterAll(async () => {
  await forwarder?.stop();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ({ opnApiBase: sandbox.baseUrl, opnSecretKey: sandbox.secretKey, forwarderUrl: forwarder.wsUrl, forwarderToken: token, terminalId: 'counter-9', relayConnected: false, timeoutMs: 3000 });

describe('connection check', () => {
  it('passes with the right key and token', async () => {
    const result = await checkConnections(base());
    expect(result.opn).toEqual({ ok: true, code: 'opn_ok_secret', mode: 'test', message: 'Opn accepted the secret key (test mode).' });
    expect(result.forwarder).toEqual({ ok: true, code: 'fwd_token_ok', message: "The forwarder accepted this terminal's token." });
  });

  it('says which side failed and why, without echoing secrets', async () => {
    const result = await checkConnections({ ...base(), opnSecretKey: 'skey_test_wrongwrongwrong', forwarderToken: 'not-the-token-0123456789' });
    expect(result.opn).toMatchObject({ ok: false, code: 'opn_secret_refused', message: expect.stringContaining('refused the secret key (401)') });
    expect(result.forwarder).toMatchObject({ ok: false, code: 'fwd_token_refused', terminal: 'counter-9', httpStatus: 401, message: expect.stringContaining('refused the token for terminal "counter-9"') });
    expect(JSON.stringify(result)).not.toMatch(/wrongwrong|not-the-token/);
  });

  it('names an unreachable service', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await freePort();
    const result = await checkConnections({ ...base(), opnApiBase: `http://127.0.0.1:${port}`, forwarderUrl: `ws://127.0.0.1:${port}/terminals` });
    expect(result.opn.message).toBe(`Opn could not be reached at 127.0.0.1:${port} (connection refused).`);
    expect(result.forwarder.message).toBe(`The forwarder could not be reached at 127.0.0.1:${port} (connection refused).`);
    // The window words these from the code and figures (shared/i18n checkText).
    expect(result.opn).toMatchObject({ code: 'opn_unreachable', host: `127.0.0.1:${port}`, net: 'refused' });
    expect(result.forwarder).toMatchObject({ code: 'fwd_unreachable', host: `127.0.0.1:${port}`, net: 'refused' });
  });
});
