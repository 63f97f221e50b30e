// Handlers are filed by channel prefix and checked against the contract when the app starts: a channel
// with no handler, one filed under another prefix, or one the contract lacks stops start-up with its name.
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNEL_NAMES } from '../../../shared';
import { flatten } from '../../../electron/app/handlers';

const noop = (): null => null;
function allDomains(): Record<string, Record<string, unknown>> {
  const domains: Record<string, Record<string, unknown>> = {};
  for (const channel of INVOKE_CHANNEL_NAMES) {
    const prefix = channel.split(':')[0] ?? '';
    (domains[prefix] ??= {})[channel] = noop;
  }
  return domains;
}

describe('handler table', () => {
  it('takes one handler per channel of the contract', () => {
    expect(Object.keys(flatten(allDomains())).sort()).toEqual([...INVOKE_CHANNEL_NAMES].sort());
  });

  it('refuses a missing handler, naming the channel', () => {
    const domains = allDomains();
    delete domains.sale?.['sale:void'];
    expect(() => flatten(domains)).toThrow(/missing sale:void/);
  });

  it('refuses a handler filed under another prefix (the way a channel could get two), or one the contract lacks', () => {
    const misfiled = allDomains();
    (misfiled.receipt ??= {})['reports:store'] = noop;
    expect(() => flatten(misfiled)).toThrow(/reports:store is filed under receipt:/);
    const unknown = allDomains();
    unknown.extra = { 'extra:start': noop };
    expect(() => flatten(unknown)).toThrow(/unknown extra:start/);
  });

  it('refuses a value that is not a function', () => {
    const domains = allDomains();
    (domains.app ??= {})['app:info'] = 'nope';
    expect(() => flatten(domains)).toThrow(/app:info is not a function/);
  });
});
