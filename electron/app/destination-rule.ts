// Where the terminal's secrets may be sent (the rule as data; destinations.ts throws with it). The secret key goes only to the Opn API address and the
// token only to the forwarder; changing either address forgets the secret (settings-store.ts). With a
// live secret key, the Opn address must be https://api.omise.co or an origin the shop listed in
// KAKAOPAY_OPN_API_ALLOW (comma-separated https origins, read at start), and the forwarder must be
// wss://. Plain http and ws are for the demo and for test keys only.
import type { SettingsAttention } from '../../shared';

export const OPN_API_ORIGIN = 'https://api.omise.co';

export interface DestinationPolicy {
  readonly allowedOpnOrigins: readonly string[];
}

export function destinationPolicy(env: NodeJS.ProcessEnv = process.env): DestinationPolicy {
  const extra = (env.KAKAOPAY_OPN_API_ALLOW ?? '')
    .split(',')
    .map((s) => originOf(s.trim()))
    .filter((o): o is string => o !== null && o.startsWith('https://'));
  return { allowedOpnOrigins: [OPN_API_ORIGIN, ...extra] };
}

export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.username || u.password) return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** Whether two API addresses are the same destination (trailing slashes aside). */
export function sameDestination(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

export interface Destinations {
  readonly mode: 'demo' | 'live';
  /** The secret key that will be sent ('' when none). */
  readonly opnSecretKey: string;
  readonly opnApiBase: string;
  readonly forwarderUrl: string;
}

/** Why a set of destinations may not be used; one code per rule (the cashier's texts key on it). */
export type DestinationProblem = SettingsAttention;

export const isLiveKey = (key: string): boolean => key !== '' && !key.startsWith('skey_test_');

/** Whether a live key may be sent to this URL: only to an allowed https origin. */
export function liveKeyMayGoTo(url: string, policy: DestinationPolicy): boolean {
  const origin = originOf(url);
  return origin !== null && origin.startsWith('https://') && policy.allowedOpnOrigins.includes(origin);
}

/**
 * The rule, as data: null when these destinations are safe. A live key goes only to an allowed https
 * origin and its forwarder only over wss, in every mode (a file edited to say "demo" changes nothing).
 */
export function destinationProblem(d: Destinations, policy: DestinationPolicy): DestinationProblem | null {
  if (!isLiveKey(d.opnSecretKey)) return null;
  if (!liveKeyMayGoTo(d.opnApiBase, policy)) return 'live_key_opn_not_allowed';
  if (d.forwarderUrl !== '' && !d.forwarderUrl.startsWith('wss://')) return 'live_forwarder_not_wss';
  return null;
}
