// Where the terminal's secrets may be sent: the rule (destination-rule.ts) turned into refusals, for
// the settings handlers, and into the guard the Opn transport runs before every request.
import { GateError } from './errors';
import { destinationProblem, isLiveKey, liveKeyMayGoTo, type DestinationPolicy, type DestinationProblem, type Destinations } from './destination-rule';

export * from './destination-rule';

// English for the log; the cashier reads the words of `data.reason` from the renderer's tables.
const REFUSAL: Record<DestinationProblem, (policy: DestinationPolicy) => GateError> = {
  live_key_opn_not_allowed: (policy) =>
    new GateError('insecure_destination', `A live secret key is only sent to ${policy.allowedOpnOrigins.join(' or ')}. Set the Opn API address back, or use test keys.`, { reason: 'live_key_origin' }),
  live_forwarder_not_wss: () => new GateError('insecure_destination', 'With live keys the forwarder address must start with wss://.', { reason: 'live_forwarder_wss', field: 'forwarderUrl' }),
};

/** Refuses (GateError 'insecure_destination') a combination that could send a live secret off Opn. */
export function assertSafeDestinations(d: Destinations, policy: DestinationPolicy): void {
  const problem = destinationProblem(d, policy);
  if (problem) throw REFUSAL[problem](policy);
}

/**
 * The last gate, run by the Opn transport before every request it sends with this key: whatever
 * built the client, a live key never leaves for another origin or over plain http.
 */
export function requestGuard(secretKey: string, policy: DestinationPolicy): (url: string) => void {
  return (url) => {
    if (isLiveKey(secretKey) && !liveKeyMayGoTo(url, policy)) throw REFUSAL.live_key_opn_not_allowed(policy);
  };
}
