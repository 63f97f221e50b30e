// The ONE gate every request passes, whichever transport brought it (Electron IPC, the browser-mode
// websocket): it finds the channel, checks the caller's role, parses the input once with the channel's
// schema, checks the manager PIN once (one persistent limiter), calls the handler with typed input, and
// maps any error once. Handlers and the core trust what reaches them.
import type { HandlerInput, InvokeChannel, InvokeResponse, Result, Role } from '../../shared';
import { CHANNELS, isInvokeChannel, roleMayCall } from '../../shared';
import { describeForLog, toAppError } from './errors';
import type { ManagerPin } from './manager-pin';
import type { Logger } from './ports';

export type Handlers = { readonly [C in InvokeChannel]: (input: HandlerInput<C>) => Promise<InvokeResponse<C>> };

export interface Gate {
  invoke(channel: string, raw: unknown, caller: Role): Promise<Result<unknown>>;
}

export function createGate(o: { handlers: Handlers; managerPin: ManagerPin; logger: Logger }): Gate {
  async function pass<C extends InvokeChannel>(channel: C, raw: unknown, caller: Role): Promise<Result<unknown>> {
    const spec = CHANNELS[channel];
    if (!roleMayCall(caller, channel)) return { ok: false, error: { code: 'forbidden', message: 'The customer display is read-only.', data: { reason: 'display_read_only' } } };
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The field and the rule, never the value (it may be a key or a PIN).
      const field = issue?.path.join('.').slice(0, 100) || 'input';
      return { ok: false, error: { code: 'invalid_input', message: `${field}: ${issue?.message ?? 'invalid'}`, data: { field } } };
    }
    try {
      const { pin, ...input } = parsed.data as { pin?: string };
      const policy = 'pin' in spec ? spec.pin : undefined;
      if (policy === 'required' || (policy === 'if-set' && o.managerPin.isSet())) o.managerPin.check(pin);
      const handler = o.handlers[channel] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(input) };
    } catch (error) {
      const mapped = toAppError(error);
      if (mapped.internal) o.logger.error({ channel, ref: mapped.ref, error: describeForLog(error) }, 'request failed');
      return { ok: false, error: mapped.error };
    }
  }

  return {
    invoke(channel, raw, caller) {
      if (!isInvokeChannel(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${channel.slice(0, 60)}".` } });
      }
      return pass(channel, raw, caller);
    },
  };
}
