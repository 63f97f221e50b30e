// Domain rules for a new sale that hold whoever calls the core: the terminal's own currency and
// KakaoPay's amount limits (shared/money). Shapes were checked at the gate.
import type { Currency } from '../../../shared';
import { validateAmount } from '../../../shared';
import { CoreError } from '../errors';

export interface NewSale {
  readonly amount: number;
  readonly currency: Currency;
  readonly cashier: string | null;
}

export function checkNewSale(input: { amount: number; currency: Currency; cashier?: string | undefined }, terminalCurrency: Currency): NewSale {
  if (input.currency !== terminalCurrency) throw new CoreError('invalid_currency', `This shop charges in ${terminalCurrency}.`, { data: { currency: terminalCurrency } });
  const checked = validateAmount(input.amount, input.currency);
  if (!checked.ok) throw new CoreError('invalid_amount', checked.error.message, { data: { amountCode: checked.error.code, currency: input.currency } });
  return { amount: checked.value, currency: input.currency, cashier: input.cashier ?? null };
}
