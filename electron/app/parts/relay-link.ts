// The core's link to the forwarder: a relay client feeding the core's events and cursor, whose health
// decides whether the core polls Opn instead. With no forwarder configured the core only polls.
import type { LinkStatus } from '../../../shared';
import type { PaymentCore } from '../../core';
import { RelayClient } from '../../relay/client';
import type { StoredSettings } from '../settings-store';

const NO_FORWARDER: LinkStatus = { state: 'offline', polling: true, lastEventAt: null, detail: 'No forwarder configured: sales are confirmed by polling Opn.' };

export interface RelayLink {
  readonly client: RelayClient | null;
  stop(): Promise<void>;
}

/**
 * What the Z report asks the relay: with no forwarder configured nothing can wait at one (sales are
 * confirmed by polling), so 0; otherwise the client's backlog, or null (refuse) while its link is down.
 */
export function relayBacklog(relay: Pick<RelayClient, 'pendingCount'> | null): number | null {
  return relay ? relay.pendingCount() : 0;
}

export function openRelayLink(o: { core: PaymentCore; settings: StoredSettings; token: string; onStatus: (status: LinkStatus) => void }): RelayLink {
  const { core, settings: s } = o;
  core.setRelayHealthy(false);
  if (!s.forwarderUrl || !o.token) {
    o.onStatus(NO_FORWARDER);
    return { client: null, stop: () => Promise.resolve() };
  }
  let stopped = false;
  const client = new RelayClient({
    url: s.forwarderUrl,
    terminalId: s.terminalId,
    token: o.token,
    lastSeq: () => core.relayCursor(),
    onEvent: (event) => core.handleRelayEvent(event),
    onStatus: (status) => {
      if (stopped) return;
      const healthy = status.state === 'connected';
      core.setRelayHealthy(healthy);
      o.onStatus({ ...status, polling: !healthy });
    },
  });
  o.onStatus({ ...client.status, polling: client.status.state !== 'connected' });
  client.start();
  return {
    client,
    async stop() {
      stopped = true;
      await client.stop();
    },
  };
}
