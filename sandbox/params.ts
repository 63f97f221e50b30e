// Request parameter schemas. Official clients send numbers and booleans as strings (form bodies, PHP's 1/0,
// omise-node's README passes amount as '100000'), so coercion happens here, per field.
import { z } from 'zod';
import { ApiError, badRequest } from './errors';

/** Integer from a number or a string of digits; fractions, exponents and words are rejected. */
export const intLike = z.union([
  z.number(),
  z.string().trim().regex(/^-?\d+$/, 'must be an integer').transform(Number),
]).pipe(z.number().int('must be an integer').refine(Number.isSafeInteger, 'is too large'));

export const boolLike = z.union([
  z.boolean(),
  z.literal(1).transform(() => true),
  z.literal(0).transform(() => false),
  z.enum(['true', 'false', '1', '0', 'TRUE', 'FALSE', 'True', 'False']).transform((s) => s === 'true' || s === '1' || s.toLowerCase() === 'true'),
]);

const isoTime = z.string().trim().refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 time');

export const listParamsSchema = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
  offset: intLike.pipe(z.number().min(0, 'must be 0 or more')).optional(),
  // Opn documents a maximum of 100; larger values are clamped, as the list echoes the limit it used.
  limit: intLike.pipe(z.number().min(1, 'must be 1 or more')).optional(),
  order: z.enum(['chronological', 'reverse_chronological']).optional(),
});
export type ListParams = z.infer<typeof listParamsSchema>;

/** Parses with a zod schema; the first issue becomes a 400 naming the parameter (never echoing secrets). */
export function parseParams<T extends z.ZodType>(schema: T, input: unknown, code: 'bad_request' | 'invalid_filter' = 'bad_request'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  let message = issue?.message ?? 'invalid parameters';
  if (issue?.code === 'invalid_type' && issue.input === undefined) message = 'is required';
  else if (issue?.code === 'invalid_union' || issue?.code === 'invalid_type') message = 'is invalid';
  const text = path ? `${path} ${message}` : message;
  if (code === 'invalid_filter') throw new ApiError(400, 'invalid_filter', text);
  throw badRequest(text);
}
