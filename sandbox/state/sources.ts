// Sources: validated and created here, both by POST /sources and by a charge's inline source[...].
import { z } from 'zod';
import { COUNTRY_RULES } from '../../shared';
import { ApiError, badRequest } from '../errors';
import { opnId } from '../ids';
import { intLike, parseParams } from '../params';
import type { Context } from './context';
import type { SourceRecord } from './records';

/** Source types this sandbox account has enabled, with their flow. Anything else is "not supported". */
export const SOURCE_TYPES: Readonly<Record<string, SourceRecord['flow']>> = { kakaopay: 'app_redirect' };

const optionalText = z.string().max(255).nullable().optional();

export const sourceParamsSchema = z.object({
  type: z.string().trim().min(1, 'is required'),
  amount: z.unknown().optional(),
  currency: z.unknown().optional(),
  platform_type: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(['WEB', 'IOS', 'ANDROID'], 'must be WEB, IOS or ANDROID'))
    .nullable()
    .optional(),
  email: optionalText,
  name: optionalText,
  phone_number: optionalText,
  mobile_number: optionalText,
  store_id: optionalText,
  store_name: optionalText,
  terminal_id: optionalText,
});
export type SourceParams = z.infer<typeof sourceParamsSchema>;

/** Amount rules (guide "Limits"): an integer count of minor units inside the account's limits. */
export function validateAmount(ctx: Context, raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') throw new ApiError(400, 'invalid_amount', 'amount is required');
  const parsed = intLike.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'invalid_amount', 'amount must be an integer number of the smallest currency unit');
  const rules = COUNTRY_RULES[ctx.account.country];
  if (parsed.data < rules.minAmount) throw new ApiError(400, 'invalid_amount', `amount must be at least ${rules.minAmount}`);
  if (parsed.data > rules.maxAmount) throw new ApiError(400, 'invalid_amount', `amount must be at most ${rules.maxAmount}`);
  return parsed.data;
}

export function validateCurrency(ctx: Context, raw: unknown, code: 'bad_request' | 'invalid_charge'): typeof ctx.account.currency {
  if (typeof raw !== 'string' || raw.trim() === '') throw badRequest('currency is required');
  if (raw.trim().toUpperCase() !== ctx.account.currency) throw new ApiError(400, code, 'currency is currently not supported');
  return ctx.account.currency;
}

export function validateSourceType(type: string): SourceRecord['flow'] {
  const flow = SOURCE_TYPES[type];
  if (!flow) throw badRequest(`type ${type.slice(0, 40)} is currently not supported`);
  return flow;
}

/** Validates everything first and returns a creator, so a charge can create its inline source only once it is valid too. */
export interface PreparedSource {
  readonly amount: number;
  readonly currency: SourceRecord['currency'];
  readonly create: () => SourceRecord;
}

export function prepareSource(ctx: Context, input: unknown): PreparedSource {
  const p = parseParams(sourceParamsSchema, input);
  const flow = validateSourceType(p.type);
  const amount = validateAmount(ctx, p.amount);
  const currency = validateCurrency(ctx, p.currency, 'bad_request');
  const create = (): SourceRecord => {
    const source: SourceRecord = {
      id: opnId('src'),
      type: p.type,
      flow,
      amount,
      currency,
      platformType: p.platform_type ?? null,
      createdAt: ctx.clock.nowMs(),
      email: p.email ?? null,
      name: p.name ?? null,
      phoneNumber: p.phone_number ?? null,
      mobileNumber: p.mobile_number ?? null,
      storeId: p.store_id ?? null,
      storeName: p.store_name ?? null,
      terminalId: p.terminal_id ?? null,
      chargeId: null,
    };
    ctx.store.sources.set(source.id, source);
    return source;
  };
  return { amount, currency, create };
}
