// The hosted checkout's navigation policy: https on Opn's and KakaoPay's hosts, the demo sandbox on loopback,
// the sale's return_uri ends the checkout, everything else is denied (fails closed).
import { describe, expect, it } from 'vitest';
import { CHECKOUT_HOSTS, checkoutNavigation, sandboxTestPageUri } from '../../shared';

const live = { demoOrigin: null, returnUri: 'https://shop.example/kakaopay/return' };
const demo = { demoOrigin: 'http://127.0.0.1:4010', returnUri: null };

describe('checkout navigation policy', () => {
  it.each([
    'https://pay.omise.co/payments/pay2_test_5w4414n5wanx3am35wy/authorize',
    'https://api.omise.co/payments/paym_test_1/authorize',
    'https://checkout.opn.ooo/x',
    'https://online-pay.kakao.com/pay/qr?x=1',
    'https://kakaopay.com/',
    'https://open.alipayplus.com/a#b',
  ])('allows %s', (url) => expect(checkoutNavigation(url, live)).toBe('allow'));

  it.each([
    'http://pay.omise.co/payments/x/authorize', // not https
    'https://omise.co.evil.example/x',
    'https://evilomise.co/x',
    'https://user:pw@pay.omise.co/x',
    'https://pay.omise.co\\@evil.example/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://127.0.0.1:4010/payments/x/authorize', // loopback only in demo
    'data:text/html,hi',
    'https://shop.example/other',
  ])('denies %s', (url) => expect(checkoutNavigation(url, live)).toBe('deny'));

  it('the return_uri ends the checkout (query and fragment ignored)', () => {
    expect(checkoutNavigation('https://shop.example/kakaopay/return?x=1#y', live)).toBe('return');
    expect(checkoutNavigation('https://shop.example/kakaopay/return2', live)).toBe('deny');
  });

  it('demo: the embedded sandbox origin only, on loopback', () => {
    expect(checkoutNavigation('http://127.0.0.1:4010/payments/pay2_test_1/authorize', demo)).toBe('allow');
    expect(checkoutNavigation('http://127.0.0.1:4011/payments/pay2_test_1/authorize', demo)).toBe('deny');
    expect(checkoutNavigation('http://192.168.1.5:4010/payments/x', { demoOrigin: 'http://192.168.1.5:4010', returnUri: null })).toBe('deny');
  });

  it('one documented list', () => {
    expect(CHECKOUT_HOSTS).toEqual(['omise.co', 'opn.ooo', 'kakaopay.com', 'kakao.com', 'alipay.com', 'alipayplus.com']);
  });
});

describe('sandboxTestPageUri', () => {
  it('the test controls sit beside a sandbox authorize_uri; any other link has none', () => {
    expect(sandboxTestPageUri('http://127.0.0.1:4010/payments/pay2_test_abc123/authorize')).toBe('http://127.0.0.1:4010/payments/pay2_test_abc123/test');
    expect(sandboxTestPageUri('https://pay.omise.co/payments/pay2_test_abc/authorize?x=1')).toBeNull();
    expect(sandboxTestPageUri('http://127.0.0.1:4010/wallet/pay2_test_abc')).toBeNull();
  });
});
