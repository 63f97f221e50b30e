// What the POS link needs of the terminal: the payment core's own calls (a checkout IS a sale: same state
// machine, receipt row, recovery and printing) and a few facts of the app. The runtime hands an object
// built over its current core; tests hand the real core the same way.
import { type Currency, type LinkState, type Receipt, type Sale, type PosSaleRequest } from '../../shared';

export interface PosCorePort {
  startSale(input: PosSaleRequest): Promise<Sale>;
  cancelSale(saleId: string): Promise<Sale>;
  refund(input: { saleId: string; amount: number }): Promise<Receipt>;
  getReceipt(saleId: string): Receipt;
  /** Sales still open (creating, pending): a cashier's typed sale makes the terminal busy too. */
  openSales(): readonly Sale[];
}

export interface PosTerminalFacts {
  /** The current core, or null while the terminal is not set up (no Opn key) or its settings are refused. */
  core(): PosCorePort | null;
  currency(): Currency;
  mode(): 'demo' | 'live';
  /** The terminal's QR validity: the longest deadline a checkout may ask for. */
  qrValidityMs(): number;
  link(): LinkState;
  /** Whether start-up reconciliation is still running (new sales wait for it). */
  recovering(): boolean;
}
