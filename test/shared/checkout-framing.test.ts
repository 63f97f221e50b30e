// Whether the checkout page's headers let the browser-mode display frame it (Chromium's rules): the
// sandbox's loopback policy, 'none', X-Frame-Options, wildcards and ports.
import { describe, expect, it } from 'vitest';
import { framingVerdict } from '../../shared/checkout-framing';

const DISPLAY = 'http://127.0.0.1:5173';
const PAGE = 'http://127.0.0.1:4010';
const v = (csp: string | null, xfo: string | null = null, frame = DISPLAY, page = PAGE) => framingVerdict({ contentSecurityPolicy: csp, xFrameOptions: xfo }, frame, page);

describe('framingVerdict', () => {
  it('the sandbox\'s loopback policy allows the display on any loopback port; \'none\' refuses', () => {
    expect(v("frame-ancestors 'self' http://127.0.0.1:* http://localhost:*")).toBe('allowed');
    expect(v("frame-ancestors 'self' http://127.0.0.1:* http://localhost:*", null, 'http://192.168.1.20:5173')).toBe('refused');
    expect(v("frame-ancestors 'none'")).toBe('refused');
    expect(v("default-src 'self'; frame-ancestors 'self'")).toBe('refused');
  });

  it('X-Frame-Options applies only without frame-ancestors', () => {
    expect(v(null, 'DENY')).toBe('refused');
    expect(v(null, 'sameorigin')).toBe('refused');
    expect(v(null, 'SAMEORIGIN', PAGE)).toBe('allowed');
    expect(v("frame-ancestors 'none'", 'ALLOWALL')).toBe('refused');
    expect(v('frame-ancestors *', 'DENY')).toBe('allowed');
    expect(v(null, null)).toBe('allowed');
  });

  it('host wildcards, schemes and ports; every policy must allow it', () => {
    const https = 'https://pay.example.com';
    expect(v('frame-ancestors https://*.shop.test', null, 'https://till.shop.test', https)).toBe('allowed');
    expect(v('frame-ancestors https://*.shop.test', null, 'https://shop.test', https)).toBe('refused');
    expect(v('frame-ancestors https:', null, 'https://till.shop.test', https)).toBe('allowed');
    expect(v('frame-ancestors till.shop.test:8443', null, 'https://till.shop.test:8443', https)).toBe('allowed');
    expect(v('frame-ancestors till.shop.test', null, 'https://till.shop.test:8443', https)).toBe('refused');
    expect(v("frame-ancestors *, frame-ancestors 'self'", null, 'https://till.shop.test', https)).toBe('refused');
    expect(v('frame-ancestors *', null, 'not an origin')).toBe('refused');
  });
});
