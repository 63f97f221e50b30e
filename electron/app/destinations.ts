// Where the terminal's secrets may be sent. The secret key goes only to the Opn API address and the
// token only to the forwarder; changing either address forgets the secret (settings-store.ts). With a
// live secret key, the Opn address must be https://api.omise.co or an origin the shop listed in
// KAKAOPAY_OPN_API_ALLOW (comma-separated https origins, read at start), and the forwarder must be
// wss://. Plain http and ws are for the demo and for test keys only.
import { GateError } from './errors';

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

/** Refuses (GateError 'insecure_destination') a combination that could send a live secret off Opn. */
export function assertSafeDestinations(d: Destinations, policy: DestinationPolicy): void {
  if (d.mode === 'demo') return;
  const live = d.opnSecretKey !== '' && !d.opnSecretKey.startsWith('skey_test_');
  if (!live) return;
  const origin = originOf(d.opnApiBase);
  if (origin === null || !policy.allowedOpnOrigins.includes(origin)) {
    throw new GateError('insecure_destination', `A live secret key is only sent to ${policy.allowedOpnOrigins.join(' or ')}. Set the Opn API address back, or use test keys.`, { reason: 'live_key_origin' });
  }
  if (d.forwarderUrl !== '' && !d.forwarderUrl.startsWith('wss://')) {
    throw new GateError('insecure_destination', 'With live keys the forwarder address must start with wss://.', { reason: 'live_forwarder_wss', field: 'forwarderUrl' });
  }
}
