// The POS link inside the app's runtime: its facts read from the settings and the runtime's current core,
// its file in the data folder. A POS link that cannot open (a damaged file) is logged and stays off: it
// never stops the terminal from taking the cashier's own payments.
import path from 'node:path';
import { currencyOf, type LinkState } from '../../shared';
import type { PaymentCore } from '../core';
import type { Logger } from '../core/log';
import type { SettingsStore } from '../app/settings-store';
import type { PosCorePort, PosTerminalFacts } from './core-port';
import { createPosLinkSession, type PosLinkSession } from './session';

export const POS_LINK_FILE = 'pos-link.sqlite';

/** The core's calls the POS link makes (startSale takes the till's origin once the core stores it). */
export function corePort(core: PaymentCore): PosCorePort {
  return {
    startSale: (input) => core.startSale(input),
    cancelSale: (id) => core.cancelSale(id),
    refund: (input) => core.refund(input),
    getReceipt: (id) => core.getReceipt(id),
    openSales: () => core.store.sales.listOpen(),
  };
}

export interface RuntimePosLinkInput {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly logger: Logger;
  readonly qrTtlMs?: number | undefined;
  core(): PaymentCore | null;
  link(): { state: LinkState };
  recovering(): boolean;
}

export function createRuntimePosLink(o: RuntimePosLinkInput): { session: PosLinkSession } {
  const facts: PosTerminalFacts = {
    core: () => {
      const c = o.core();
      return c ? corePort(c) : null;
    },
    currency: () => currencyOf(o.settings.get().country),
    mode: () => o.settings.get().mode,
    qrValidityMs: () => o.qrTtlMs ?? o.settings.get().qrValidityMinutes * 60_000,
    link: () => o.link().state,
    recovering: () => o.recovering(),
  };
  const inner = createPosLinkSession({ dbFile: path.join(o.dataDir, POS_LINK_FILE), facts, logger: o.logger });
  let opened = false;
  const session: PosLinkSession = {
    ...inner,
    async open() {
      if (opened) return;
      opened = true;
      await inner.open().catch((error: unknown) => o.logger.warn({ err: String((error as Error)?.name ?? 'Error') }, 'pos link: could not open; it stays off'));
    },
  };
  return { session };
}
