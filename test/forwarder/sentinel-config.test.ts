// REDIS_SENTINELS and its companions: parsed into the store's Sentinel target, refused with a clear
// message when malformed, and no password ever appears in an error.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../forwarder/config';
import { parseSentinels } from '../../forwarder/store/redis-link';

const base = { OPN_WEBHOOK_SECRET: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=', FORWARDER_STORE: 'redis' };

describe('Sentinel configuration', () => {
  it('reads the sentinels, master name, both passwords and the replica wait', () => {
    const o = loadConfig({ ...base, REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b.internal:26380,[::1]:26381', REDIS_SENTINEL_MASTER: 'fwd-main', REDIS_SENTINEL_PASSWORD: 'sentinel-pw', REDIS_PASSWORD: 'redis-pw', FORWARDER_REDIS_WAIT_MS: '750' }, {});
    expect(o.redisSentinels).toEqual([{ host: '10.0.0.1', port: 26379 }, { host: 'sentinel-b.internal', port: 26380 }, { host: '::1', port: 26381 }]);
    expect(o).toMatchObject({ redisMasterName: 'fwd-main', redisSentinelPassword: 'sentinel-pw', redisPassword: 'redis-pw', redisReplicaWaitMs: 750, redisMinReplicas: undefined });
    expect(loadConfig({ ...base, REDIS_SENTINELS: 'a:1', FORWARDER_REDIS_MIN_REPLICAS: '0' }, {}).redisMinReplicas).toBe(0);
  });

  it('needs REDIS_URL or REDIS_SENTINELS with the redis store, and refuses a malformed list without echoing a password', () => {
    expect(() => loadConfig(base, {})).toThrow(/REDIS_URL or REDIS_SENTINELS/);
    for (const bad of ['10.0.0.1', 'host:0', 'host:99999', 'a:1,,b' /* b has no port */, 'a b:1']) {
      let err: unknown;
      try {
        loadConfig({ ...base, REDIS_SENTINELS: bad, REDIS_PASSWORD: 'do-not-print-me', REDIS_SENTINEL_PASSWORD: 'nor-me' }, {});
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(ConfigError);
      expect(String((err as Error).message)).toContain('REDIS_SENTINELS');
      expect(String((err as Error).message)).not.toMatch(/do-not-print-me|nor-me/);
    }
    expect(parseSentinels('h:1,h:2')).toHaveLength(2);
  });
});
