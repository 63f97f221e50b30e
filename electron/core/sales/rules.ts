// Domain rules for a new sale that hold whoever calls the core: the terminal's own currency and
// KakaoPay's amount limits (shared/money). Shapes were checked at the gate.
import type { Currency, SaleOrigin } from '../../../shared';
import { saleOriginSchema, validateAmount } from '../../../shared';
import { CoreError } from '../errors';

export interface NewSale {
  readonly amount: number;
  readonly currency: Currency;
  readonly cashier: string | null;
  readonly origin: SaleOrigin | null;
}

export interface NewSaleInput {
  amount: number;
  currency: Currency;
  cashier?: string | undefined;
  origin?: SaleOrigin | null | undefined;
}

/**
 * A till's origin is checked here too: the POS link calls the core directly (no IPC gate), and what is
 * stored is printed on receipts and shown to customers. An empty note is no note.
 */
function checkOrigin(origin: SaleOrigin | null | undefined): SaleOrigin | null {
  if (!origin) return null;
  const parsed = saleOriginSchema.safeParse(origin);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'origin';
    throw new CoreError('invalid_input', `The till's sale details are not valid (origin.${field}).`, { data: { field: `origin.${field}` } });
  }
  return { ...parsed.data, note: parsed.data.note ? parsed.data.note : null };
}

export function checkNewSale(input: NewSaleInput, terminalCurrency: Currency): NewSale {
  if (input.currency !== terminalCurrency) throw new CoreError('invalid_currency', `This shop charges in ${terminalCurrency}.`, { data: { currency: terminalCurrency } });
  const checked = validateAmount(input.amount, input.currency);
  if (!checked.ok) throw new CoreError('invalid_amount', checked.error.message, { data: { amountCode: checked.error.code, currency: input.currency } });
  return { amount: checked.value, currency: input.currency, cashier: input.cashier ?? null, origin: checkOrigin(input.origin) };
}
