// /__sandbox/* : the same controls as the in-process Sandbox object, for other processes (crash tests, demo).
// They need the secret key like the API.
import { z } from 'zod';
import { badRequest } from '../errors';
import type { RequestFault, FaultRegistry } from '../faults';
import { requestFaultSchema, webhookFaultSchema } from '../faults';
import type { Route } from '../http/router';
import { json, route } from '../http/router';
import { parseParams } from '../params';
import type { Context } from '../state/context';
import { getCharge } from '../state/charges';
import { completeCharge } from '../state/lifecycle';
import { serializeCharge } from '../state/serialize';
import { isoSeconds } from '../time';
import type { WebhookDispatcher } from '../webhooks/dispatcher';

const clockSchema = z.strictObject({ advanceMs: z.number().int().min(0).max(10 * 365 * 86_400_000) });
const completeSchema = z.strictObject({
  outcome: z.union([
    z.literal('successful'),
    z.literal('failed'),
    z.strictObject({ failureCode: z.string().min(1).max(64) }),
  ]),
  failure_code: z.string().min(1).max(64).optional(),
});
const endpointsSchema = z.strictObject({ urls: z.array(z.url({ protocol: /^https?$/ })).max(20) });

export function controlRoutes(ctx: Context, faults: FaultRegistry, webhooks: WebhookDispatcher): Route[] {
  return [
    route('POST', '/__sandbox/faults', 'secret', (r) => {
      const p = parseParams(requestFaultSchema, r.params);
      let path: RequestFault['path'] = p.path;
      if (p.pathRegex !== undefined) {
        try {
          path = new RegExp(p.pathRegex);
        } catch {
          throw badRequest('pathRegex is not a valid regular expression');
        }
      }
      faults.inject({ ...p, path, times: p.times === 'always' ? Infinity : p.times });
      return json({ object: 'sandbox_faults', ok: true });
    }),
    route('DELETE', '/__sandbox/faults', 'secret', () => {
      faults.clear();
      webhooks.clearFaults();
      return json({ object: 'sandbox_faults', ok: true });
    }),
    route('POST', '/__sandbox/webhook-faults', 'secret', (r) => {
      webhooks.setFaults(parseParams(webhookFaultSchema, r.params));
      return json({ object: 'sandbox_webhook_faults', ...webhooks.faults });
    }),
    route('GET', '/__sandbox/clock', 'secret', () => json({ object: 'sandbox_clock', now: ctx.clock.now().toISOString() })),
    route('POST', '/__sandbox/clock', 'secret', async (r) => {
      const p = parseParams(clockSchema, r.params);
      await ctx.clock.advance(p.advanceMs);
      return json({ object: 'sandbox_clock', now: ctx.clock.now().toISOString(), now_at: isoSeconds(ctx.clock.nowMs()) });
    }),
    route('POST', '/__sandbox/charges/:id/complete', 'secret', (r) => {
      const p = parseParams(completeSchema, r.params);
      const outcome = p.outcome === 'successful' ? 'successful' : p.outcome === 'failed' ? { failureCode: p.failure_code ?? 'payment_rejected' } : p.outcome;
      const charge = completeCharge(ctx, getCharge(ctx, r.pathParams.id ?? ''), outcome);
      return json(serializeCharge(charge, ctx.store, ctx.clock.nowMs()));
    }),
    route('PUT', '/__sandbox/webhook-endpoints', 'secret', (r) => {
      const p = parseParams(endpointsSchema, r.params);
      webhooks.config.endpoints = [...p.urls];
      return json({ object: 'sandbox_webhook_endpoints', urls: webhooks.config.endpoints });
    }),
  ];
}
