// The ONE gate every request passes, whichever transport brought it (Electron IPC, the browser-mode
// websocket): it finds the channel, checks the caller's role, parses the input once with the channel's
// schema, checks the manager PIN once (one persistent limiter), calls the handler with typed input, and
// maps any error once. Handlers and the core trust what reaches them.
import type { HandlerInput, InvokeChannel, InvokeResponse, Result, Role } from '../../shared';
import { isInvokeChannel, pinPolicy, requestSchema, roleMayCall } from '../../shared';
import { describeForLog, toAppError } from './errors';
import type { ManagerPin } from './manager-pin';
import type { Logger } from './ports';

/** A channel's handler: typed input from the gate; it may answer at once or with a promise. */
export type Handler<C extends InvokeChannel> = (input: HandlerInput<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>;
export type Handlers = { readonly [C in InvokeChannel]: Handler<C> };
/** The part of a channel's name before ':' ('sale', 'reports', …): handlers are grouped by it. */
export type ChannelPrefix = InvokeChannel extends infer C ? (C extends `${infer P}:${string}` ? P : never) : never;
/** Every handler of one prefix: a missing one, or one of another prefix, is a type error. */
export type DomainHandlers<P extends ChannelPrefix> = { readonly [C in InvokeChannel as C extends `${P}:${string}` ? C : never]: Handler<C> };

/** The one invoke interface: the Electron binding, the browser bridge and in-process callers use it. */
export interface Gate {
  /** `caller` is whoever the transport saw; in-process callers (tests, the app itself) are the cashier. */
  invoke(channel: string, raw: unknown, caller?: Role): Promise<Result<unknown>>;
}

export function createGate(o: { handlers: Handlers; managerPin: ManagerPin; logger: Logger }): Gate {
  async function pass<C extends InvokeChannel>(channel: C, raw: unknown, caller: Role): Promise<Result<unknown>> {
    if (!roleMayCall(caller, channel)) return { ok: false, error: { code: 'forbidden', message: 'The customer display is read-only.', data: { reason: 'display_read_only' } } };
    const parsed = requestSchema(channel).safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The field and the rule, never the value (it may be a key or a PIN).
      const field = issue?.path.join('.').slice(0, 100) || 'input';
      return { ok: false, error: { code: 'invalid_input', message: `${field}: ${issue?.message ?? 'invalid'}`, data: { field } } };
    }
    try {
      const { pin, ...input } = parsed.data as { pin?: string };
      const policy = pinPolicy(channel);
      if (policy === 'required' || (policy === 'if-set' && o.managerPin.isSet())) o.managerPin.check(pin);
      const handler = o.handlers[channel] as (input: unknown) => unknown;
      return { ok: true, value: await handler(input) };
    } catch (error) {
      const mapped = toAppError(error);
      if (mapped.internal) o.logger.error({ channel, ref: mapped.ref, error: describeForLog(error) }, 'request failed');
      return { ok: false, error: mapped.error };
    }
  }

  return {
    invoke(channel, raw, caller = 'cashier') {
      if (!isInvokeChannel(channel)) {
        return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${channel.slice(0, 60)}".` } });
      }
      return pass(channel, raw, caller);
    },
  };
}
