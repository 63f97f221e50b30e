// Validation of everything a caller hands the core (IPC arguments arrive here after the app's own checks,
// but the core trusts nothing): bad input is a typed CoreError and changes nothing.
import { z } from 'zod';
import type { Currency } from '../../../shared/index';
import { CURRENCIES, relayEventSchema, validateAmount } from '../../../shared/index';
import type { RelayEvent } from '../../../shared/index';
import { isTimeZone } from '../../../shared/time/business-day';
import { CoreError } from '../errors';

const saleIdSchema = z.string().regex(/^sale_[0-9a-z]{1,40}$/);
const pinSchema = z.string().max(64);

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length ? ` (${issue.path.join('.')})` : '';
    throw new CoreError('invalid_input', `Invalid ${what}${where}.`);
  }
  return r.data;
}

export function parseSaleId(value: unknown): string {
  return parse(saleIdSchema, value, 'sale id');
}

export function parseStartSale(value: unknown, terminalCurrency: Currency): { amount: number; currency: Currency; cashier: string | null } {
  const input = parse(
    z.strictObject({ amount: z.unknown().optional(), currency: z.unknown().optional(), cashier: z.string().trim().min(1).max(64).optional() }),
    value,
    'sale',
  );
  if (typeof input.currency !== 'string' || !(CURRENCIES as readonly string[]).includes(input.currency)) {
    throw new CoreError('invalid_currency', 'Unknown currency.');
  }
  const currency = input.currency as Currency;
  if (currency !== terminalCurrency) throw new CoreError('invalid_currency', `This terminal charges in ${terminalCurrency}.`);
  if (typeof input.amount !== 'number') throw new CoreError('invalid_amount', 'The amount must be a number of minor units.');
  const checked = validateAmount(input.amount, currency);
  if (!checked.ok) throw new CoreError('invalid_amount', checked.error.message);
  return { amount: checked.value, currency, cashier: input.cashier ?? null };
}

export function parsePin(value: unknown): string {
  const pin = parse(pinSchema.optional(), value, 'PIN');
  if (!pin) throw new CoreError('pin_required', 'A manager PIN is required.');
  return pin;
}

export function parseRefund(value: unknown): { saleId: string; amount: number; pin: unknown } {
  const v = parse(z.strictObject({ saleId: z.unknown().optional(), amount: z.unknown().optional(), pin: z.unknown().optional() }), value, 'refund');
  const saleId = parseSaleId(v.saleId);
  if (typeof v.amount !== 'number' || !Number.isSafeInteger(v.amount) || v.amount <= 0) {
    throw new CoreError('invalid_amount', 'The refund must be a positive whole number of minor units.');
  }
  return { saleId, amount: v.amount, pin: v.pin };
}

export function parseSaleAndPin(value: unknown): { saleId: string; pin: unknown } {
  const v = parse(z.strictObject({ saleId: z.unknown().optional(), pin: z.unknown().optional() }), value, 'request');
  return { saleId: parseSaleId(v.saleId), pin: v.pin };
}

export function parseResolve(value: unknown): { saleId: string; pin: unknown; action: 'refund' | 'accept' } {
  const v = parse(z.strictObject({ saleId: z.unknown().optional(), pin: z.unknown().optional(), action: z.enum(['refund', 'accept']) }), value, 'request');
  return { saleId: parseSaleId(v.saleId), pin: v.pin, action: v.action };
}

export function parseListQuery(value: unknown): { day?: string; timeZone?: string; dayStartMinutes?: number; query?: string; limit?: number } {
  return parse(
    z.strictObject({
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      timeZone: z.string().max(64).refine(isTimeZone).optional(),
      dayStartMinutes: z.number().int().min(0).max(719).optional(),
      query: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    value ?? {},
    'sales query',
  );
}

export function parseRelayEvent(value: unknown): RelayEvent {
  return parse(relayEventSchema, value, 'relay event');
}
