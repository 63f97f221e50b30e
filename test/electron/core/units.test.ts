// Pure parts of the payment core: retry policy, redaction, PIN hashing and limiting, calendars, texts.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/log';
import { retryDelay, createOpnClient, OpnApiError, OpnNetworkError, shouldRetry } from '../../../electron/core/opn/index';
import { hashPin, verifyPin } from '../../../electron/app/manager-pin';
import { voidDeadline } from '../../../electron/core/sales/time';
import { FAILURE_TEXT_CODES, FAILURE_TEXTS, failureText } from '../../../shared';
import { OPN_FAILURE_CODES } from '../../../shared';
import { freePort } from '../../support/servers';

const SECRET = 'skey_test_5unitsecretvalue0000000';

/** A port free a moment ago: nothing listens there. */
const closedPort = freePort;

describe('Opn client retry policy', () => {
  it('retries GETs on any network failure and 429/5xx, POSTs only when nothing was sent or on 429', () => {
    const timeout = new OpnNetworkError('timeout', 't');
    const reset = new OpnNetworkError('response', 'r');
    const refused = new OpnNetworkError('connect', 'c');
    expect([shouldRetry('GET', timeout), shouldRetry('GET', reset), shouldRetry('GET', refused)]).toEqual([true, true, true]);
    expect([shouldRetry('POST', timeout), shouldRetry('POST', reset), shouldRetry('POST', refused)]).toEqual([false, false, true]);
    expect(shouldRetry('GET', new OpnApiError('x', 503, 'm'))).toBe(true);
    expect(shouldRetry('POST', new OpnApiError('x', 500, 'm'))).toBe(false);
    expect(shouldRetry('POST', new OpnApiError('x', 429, 'm'))).toBe(true);
    expect(shouldRetry('GET', new OpnApiError('not_found', 404, 'm'))).toBe(false);
  });

  it('backs off with the shared backoff, never sooner than Retry-After', () => {
    const o = { backoffBaseMs: 100, backoffMaxMs: 1000 };
    expect(retryDelay(0, { ...o, random: () => 0 })).toBe(50);
    expect(retryDelay(0, { ...o, random: () => 1 })).toBe(100);
    expect(retryDelay(3, { ...o, random: () => 1 })).toBe(800);
    expect(retryDelay(10, { ...o, random: () => 1 })).toBe(1000);
    expect(retryDelay(0, { ...o, random: () => 0 }, 700)).toBe(700);
    expect(retryDelay(0, { ...o, random: () => 0 }, 60_000)).toBe(1000);
  });

  it('resends a POST whose connection was refused, and never leaks the secret key', async () => {
    const port = await closedPort();
    let calls = 0;
    const client = createOpnClient({
      baseUrl: `http://127.0.0.1:${port}`,
      secretKey: SECRET,
      retries: 2,
      sleep: () => Promise.resolve(),
      fetch: (url, init) => {
        calls++;
        return fetch(url, init);
      },
    });
    const err = await client
      .createCharge({ amount: 100, currency: 'SGD', returnUri: 'https://x', platformType: 'WEB', metadata: {}, capture: true, idempotencyKey: 'k' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpnNetworkError);
    expect((err as OpnNetworkError).phase).toBe('connect');
    expect(calls).toBe(3);
    const text = `${(err as Error).message}\n${(err as Error).stack ?? ''}\n${JSON.stringify(err)}`;
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(`${SECRET}:`).toString('base64'));
  });

  it('refuses ids that would change the URL path', () => {
    const client = createOpnClient({ baseUrl: 'http://127.0.0.1:9', secretKey: SECRET });
    expect(() => client.retrieveCharge('../charges')).toThrow(TypeError);
  });
});

describe('logger', () => {
  it('redacts keys, tokens, PINs and authorization headers at any of three levels', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = createLogger({ destination: sink, level: 'info' });
    log.info({ secretKey: SECRET, pin: '1234', opn: { token: 'tok_abc' }, req: { headers: { authorization: 'Basic c2VjcmV0' } }, amount: 100 }, 'hello');
    const out = lines.join('');
    expect(out).toContain('"amount":100');
    for (const secret of [SECRET, '1234', 'tok_abc', 'Basic c2VjcmV0']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});

describe('PIN', () => {
  it('hashes with salted scrypt and verifies in constant time', () => {
    const h = hashPin('2468');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hashPin('2468')).not.toBe(h);
    expect(verifyPin('2468', h)).toBe(true);
    expect(verifyPin('2469', h)).toBe(false);
    expect(verifyPin('2468', 'garbage')).toBe(false);
    expect(verifyPin('2468', 'scrypt$3$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
  });
});

describe('calendars', () => {
  it('closes the void window at the next 00:15 GMT+8', () => {
    // 2026-11-27 10:00 GMT+8 → 2026-11-28 00:15 GMT+8 = 2026-11-27T16:15Z
    expect(voidDeadline(new Date('2026-11-27T02:00:00.000Z')).toISOString()).toBe('2026-11-27T16:15:00.000Z');
    // 00:10 GMT+8 → the same night's 00:15
    expect(voidDeadline(new Date('2026-11-27T16:10:00.000Z')).toISOString()).toBe('2026-11-27T16:15:00.000Z');
    expect(voidDeadline(new Date('2026-11-27T16:15:00.000Z')).toISOString()).toBe('2026-11-28T16:15:00.000Z');
  });
});

describe('failure texts', () => {
  it('has English, Korean and Thai for every KakaoPay failure code and a fallback', () => {
    for (const code of OPN_FAILURE_CODES) expect(FAILURE_TEXT_CODES).toContain(code);
    for (const texts of Object.values(FAILURE_TEXTS)) {
      expect(texts.en).toMatch(/[a-z]/);
      expect(texts.ko).toMatch(/[\uac00-\ud7af]/);
      expect(texts.th).toMatch(/[\u0e00-\u0e7f]/);
    }
    expect(failureText('insufficient_fund', 'ko')).toBe(FAILURE_TEXTS.insufficient_fund.ko);
    expect(failureText('something_new', 'th')).toBe(FAILURE_TEXTS.generic.th);
    expect(failureText(null)).toBe(FAILURE_TEXTS.generic.en);
    expect(failureText('not_created', 'ko')).toBe(FAILURE_TEXTS.not_charged.ko);
  });
});
