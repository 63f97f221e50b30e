// Body parsing: bracket-nested forms as curl and PHP/Ruby clients send them, JSON, and the rejects.
import { describe, expect, it } from 'vitest';
import { parseBody, parseForm } from '../../sandbox/http/body';
import { ApiError } from '../../sandbox/errors';

describe('parseForm', () => {
  it('nests brackets, builds arrays from [] and [0], and decodes', () => {
    expect(parseForm('amount=150000&source[type]=kakaopay&source[platform_type]=WEB&metadata[a][b]=x%20y+z&webhook_endpoints[]=https%3A%2F%2Fa&webhook_endpoints[]=https%3A%2F%2Fb&l[0]=p&l[1]=q&flag')).toEqual({
      amount: '150000',
      source: { type: 'kakaopay', platform_type: 'WEB' },
      metadata: { a: { b: 'x y z' } },
      webhook_endpoints: ['https://a', 'https://b'],
      l: ['p', 'q'],
      flag: '',
    });
  });

  it.each(['a]=1', 'a[b=1', '=1', 'a=1&a[b]=2', '__proto__[x]=1', 'a[constructor]=1', 'a=%zz', `${'a'}${'[b]'.repeat(9)}=1`])('rejects %s as bad_request', (text) => {
    expect(() => parseForm(text)).toThrowError(ApiError);
    try {
      parseForm(text);
    } catch (err) {
      expect((err as ApiError).code).toBe('bad_request');
    }
  });

  it('does not pollute prototypes', () => {
    expect(() => parseForm('__proto__=1')).toThrow();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('parseBody', () => {
  it('reads JSON (with charset), forms, and treats an empty body of any type as no parameters', () => {
    expect(parseBody(Buffer.from('{"amount":1}'), 'application/json; charset=utf-8')).toEqual({ amount: 1 });
    expect(parseBody(Buffer.from('amount=1'), 'application/x-www-form-urlencoded')).toEqual({ amount: '1' });
    expect(parseBody(Buffer.from(''), 'application/json')).toEqual({});
    expect(parseBody(Buffer.from(''), 'text/plain')).toEqual({});
  });

  it('drops __proto__ keys from JSON and rejects non-objects', () => {
    const parsed = parseBody(Buffer.from('{"__proto__":{"polluted":true},"a":1}'), 'application/json');
    expect(parsed).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseBody(Buffer.from('"text"'), 'application/json')).toThrowError(ApiError);
    expect(() => parseBody(Buffer.from('null'), 'application/json')).toThrowError(ApiError);
  });
});
