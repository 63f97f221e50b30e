// The forwarder's command line through node:util parseArgs: words, known flags (also --flag=value),
// --allow-unsigned; anything else is a ConfigError naming the flag, never echoing a value.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseArgv } from '../../forwarder/config';

describe('forwarder argv', () => {
  it('takes subcommand words and known flags', () => {
    expect(parseArgv(['token', 'create', 'shop1-till1', '--data', '/var/lib/f'])).toEqual({ words: ['token', 'create', 'shop1-till1'], flags: { data: '/var/lib/f' } });
    expect(parseArgv(['--port=9000', '--allow-unsigned'])).toMatchObject({ words: [], flags: { port: 9000, allowUnsigned: true } });
    expect(parseArgv(['dead-letter', 'replay', 'dl_1', '--terminal', 't-1'])).toMatchObject({ words: ['dead-letter', 'replay', 'dl_1'], flags: { terminal: 't-1' } });
  });

  it('refuses unknown flags, missing values and bad ports with a ConfigError', () => {
    expect(() => parseArgv(['--evil'])).toThrow(ConfigError);
    expect(() => parseArgv(['--evil'])).toThrow(/unknown flag --evil/);
    expect(() => parseArgv(['--port'])).toThrow(/--port needs a value/);
    expect(() => parseArgv(['--port', 'abc'])).toThrow(/bad flag/);
  });
});
