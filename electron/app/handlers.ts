// ONE handler per invoke channel of the contract (shared/ipc/contract.ts). The Electron IPC binding
// and the browser-mode websocket both call `invoke`, which validates the input with the contract's
// schema and turns every outcome into a `Result`.
import type { InvokeChannel, InvokeMap, InvokeRequest, InvokeResponse, Receipt, ReportExport, Result, SettingsUpdate } from '../../shared';
import { DISPLAY_CHANNELS, currencyOf, parseInvokeInput } from '../../shared';
import type { DisplayStateMachine } from './display-state';
import { AppFacingError, toAppError } from './errors';
import type { AppEvents } from './events';
import { DEMO_MANAGER_PIN, type PinGuard } from './pin-guard';
import type { Logger } from './ports';
import type { Runtime } from './runtime';
import type { SettingsStore } from './settings-store';
import { checkConnections } from './connection-check';

export type Handlers = { [C in InvokeChannel]: (input: InvokeRequest<C>) => Promise<InvokeResponse<C>> };

export interface HandlerContext {
  version: string;
  shell: 'electron' | 'browser';
  settings: SettingsStore;
  runtime: Runtime;
  display: DisplayStateMachine;
  events: AppEvents;
  pin: PinGuard;
  exportLink: (exp: ReportExport) => ReportExport;
}

// Settings whose change rebuilds the core and the relay link.
const CORE_FIELDS: readonly (keyof SettingsUpdate)[] = ['opnApiBase', 'opnSecretKey', 'terminalId', 'storeId', 'country', 'captureMode', 'forwarderUrl', 'forwarderToken'];
// Entering real credentials leaves the demo.
const LIVE_FIELDS: readonly (keyof SettingsUpdate)[] = ['opnSecretKey', 'opnApiBase', 'forwarderUrl', 'forwarderToken'];

export function createHandlers(ctx: HandlerContext): Handlers {
  const withShop = (receipt: Receipt): Receipt => ({ ...receipt, shopName: receipt.shopName || ctx.settings.get().shopName });
  const core = () => ctx.runtime.core();

  return {
    'app:info': () =>
      Promise.resolve({ version: ctx.version, mode: ctx.settings.get().mode, shell: ctx.shell, link: ctx.runtime.link(), recovering: ctx.runtime.recovering() }),
    'settings:get': () => Promise.resolve(ctx.settings.publicView()),
    'settings:update': async ({ pin, ...patch }) => {
      const changed = (Object.keys(patch) as (keyof SettingsUpdate)[]).filter((k) => patch[k] !== undefined);
      const before = ctx.settings.get();
      const goLive = before.mode === 'demo' && changed.some((k) => LIVE_FIELDS.includes(k));
      authorizeSettings(ctx, pin, patch, goLive);
      // Only the PIN: the Settings screen unlocking itself. Nothing changes, nothing is announced.
      if (changed.length === 0) return ctx.settings.publicView();
      const touchesCore = changed.some((k) => CORE_FIELDS.includes(k)) && changed.some((k) => !sameValue(k, patch, before));
      if (touchesCore && ctx.runtime.hasOpenSale()) {
        throw new AppFacingError('sale_open', 'Finish or cancel the open sale before changing the terminal, keys or forwarder.');
      }
      ctx.settings.update(patch, goLive ? { mode: 'live', forgetDemoCredentials: true } : {});
      if (touchesCore || goLive) await ctx.runtime.configure();
      const view = ctx.settings.publicView();
      ctx.display.refresh();
      ctx.events.emit('settings:changed', view);
      return view;
    },
    'settings:testConnection': () => {
      const s = ctx.settings.get();
      const secrets = ctx.settings.secrets();
      return checkConnections({
        opnApiBase: s.opnApiBase,
        opnSecretKey: secrets.opnSecretKey,
        forwarderUrl: s.forwarderUrl,
        forwarderToken: secrets.forwarderToken,
        terminalId: s.terminalId,
        relayConnected: ctx.runtime.link().state === 'connected',
      });
    },
    'sale:start': async (input) => {
      const currency = currencyOf(ctx.settings.get().country);
      if (input.currency !== currency) throw new AppFacingError('invalid_currency', `This shop charges in ${currency}.`);
      if (ctx.runtime.recovering()) throw new AppFacingError('recovering', 'The terminal is still checking the sales left open at start-up. Try again in a moment.');
      const c = core();
      // Clear the customer display before any network call: it must never show the previous QR.
      ctx.display.begin(null);
      const sale = await c.startSale(input);
      ctx.display.begin(sale.id);
      ctx.display.onSale(sale);
      return sale;
    },
    'sale:cancel': (input) => core().cancelSale(input.saleId),
    'sale:get': (input) => Promise.resolve(withShop(core().getReceipt(input.saleId))),
    'sale:list': (input) =>
      Promise.resolve(
        core().listSales({
          ...(input.day !== undefined ? { day: input.day } : {}),
          ...(input.query !== undefined ? { query: input.query } : {}),
          ...(input.limit !== undefined ? { limit: input.limit } : {}),
          timeZone: ctx.settings.get().timeZone,
          dayStartMinutes: ctx.settings.get().dayStartMinutes,
        }),
      ),
    'sale:refund': async (input) => withShop(await core().refund(input)),
    'sale:void': async (input) => withShop(await core().voidSale(input)),
    'sale:capture': async (input) => withShop(await core().capture(input.saleId)),
    'sale:reverse': async (input) => withShop(await core().reverse(input)),
    'sale:resolveAttention': async (input) => withShop(await core().resolveAttention(input)),
    'reports:x': (input) => attempt(() => (ctx.pin.check(input.pin), ctx.runtime.reports().x(input.day))),
    'reports:z': (input) => attempt(() => (ctx.pin.check(input.pin), ctx.runtime.reports().z(input.day))),
    'reports:listZ': (input) => attempt(() => (ctx.pin.check(input.pin), ctx.runtime.reports().listZ())),
    'reports:reconcile': async (input) => {
      ctx.pin.check(input.pin);
      return ctx.runtime.reports().reconcile(input.day);
    },
    'reports:export': async (input) => {
      ctx.pin.check(input.pin);
      return ctx.exportLink(await ctx.runtime.reports().export(input.day, input.format));
    },
    'display:get': () => Promise.resolve(ctx.display.current()),
  };
}

/**
 * Settings are the manager's: with a PIN set, every update needs it (checked by the shared limiter, so
 * guesses here count with those at refunds and reports). With none set (a fresh live install) the
 * first update must set one. Leaving the demo needs a PIN of the shop's own, since 1234 is public.
 */
function authorizeSettings(ctx: HandlerContext, pin: string | undefined, patch: SettingsUpdate, goLive: boolean): void {
  const hash = ctx.settings.get().managerPinHash;
  if (!hash) {
    if (patch.managerPin === undefined) throw new AppFacingError('pin_required', 'Set a manager PIN first: settings are changed with it from then on.');
    return;
  }
  if (pin === undefined) throw new AppFacingError('pin_required', 'Enter the manager PIN to change settings.');
  ctx.pin.check(pin);
  if (goLive && (patch.managerPin ?? pin) === DEMO_MANAGER_PIN) {
    throw new AppFacingError('new_pin_required', 'Choose a new manager PIN with the live keys: the demo PIN is public.');
  }
}

/** Runs synchronous work as a promise, so a throw becomes a rejection like everywhere else. */
function attempt<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

function sameValue(key: keyof SettingsUpdate, patch: SettingsUpdate, before: { [k: string]: unknown }): boolean {
  // Secrets are sealed: a re-entered key always counts as a change.
  if (key === 'opnSecretKey' || key === 'forwarderToken') return false;
  return patch[key] === before[key];
}

export type Caller = 'cashier' | 'display';

/** Validate, dispatch, and map errors: the only door into the handlers. */
export async function invokeChecked(handlers: Handlers, channel: string, raw: unknown, caller: Caller, logger: Logger): Promise<Result<unknown>> {
  const parsed = parseInvokeInput(channel, raw);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  if (caller === 'display' && !DISPLAY_CHANNELS.includes(parsed.channel)) {
    return { ok: false, error: { code: 'forbidden', message: 'The customer display is read-only.' } };
  }
  try {
    const handler = handlers[parsed.channel] as (input: unknown) => Promise<InvokeMap[InvokeChannel]['response']>;
    return { ok: true, value: await handler(parsed.value) };
  } catch (error) {
    const mapped = toAppError(error);
    if (mapped.internal) logger.error({ channel: parsed.channel, error: describe(error) }, 'handler failed');
    return { ok: false, error: { code: mapped.code, message: mapped.message } };
  }
}

// Error name and stack frames only: messages of unknown errors may carry URLs or keys.
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${(error.stack ?? '').split('\n').slice(1, 4).join(' | ').trim()}`;
  return typeof error;
}
