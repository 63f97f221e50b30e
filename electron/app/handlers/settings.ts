// Settings: read, change (one atomic write), and test a connection with the values on screen. The gate
// has checked the manager PIN when one is set; secrets are bound to their destination.
import type { SettingsUpdate } from '../../../shared';
import { SETTINGS_FIELDS, keepOf, settingFields } from '../../../shared';
import { checkConnections } from '../connection-check';
import { assertSafeDestinations, sameDestination } from '../destinations';
import { GateError } from '../errors';
import type { DomainHandlers } from '../gate';
import { DEMO_MANAGER_PIN, verifyPin } from '../manager-pin';
import { mergeReceipt, type StoredSettings } from '../settings-store';
import type { ReceiptSettings } from '../../../shared';
import type { HandlerContext } from './context';

// Settings whose change rebuilds the core and the relay link, and those (real credentials) that leave the demo.
const CORE_FIELDS: readonly (keyof SettingsUpdate)[] = settingFields('core');
const LIVE_FIELDS: readonly (keyof SettingsUpdate)[] = settingFields('goesLive');

export function settingsHandlers(ctx: HandlerContext): DomainHandlers<'settings'> {
  return {
    'settings:get': () => ctx.settings.publicView(),
    // The confirmation was checked against managerPin by the input schema; only the PIN itself is stored.
    'settings:update': async ({ managerPinAgain: _confirmed, ...patch }) => {
      const changed = (Object.keys(patch) as (keyof SettingsUpdate)[]).filter((k) => patch[k] !== undefined);
      const before = ctx.settings.get();
      const goLive = before.mode === 'demo' && changed.some((k) => LIVE_FIELDS.includes(k));
      requireOwnPin(before, patch, goLive);
      if (patch.receipt && !receiptPrinterComplete(mergeReceipt(before.receipt, patch.receipt))) {
        throw new GateError('invalid_input', 'receipt.printerHost: a network printer needs a host', { field: 'receipt.printerHost' });
      }
      if (changed.length === 0) return ctx.settings.publicView();
      const mode = goLive ? 'live' : before.mode;
      assertSafeDestinations(resultingDestinations(ctx, before, patch, mode, goLive), ctx.destinations);
      const touchesCore = changed.some((k) => CORE_FIELDS.includes(k) && !sameValue(k, patch, before));
      if (touchesCore && ctx.runtime.hasOpenSale()) {
        throw new GateError('sale_open', 'Finish or cancel the open sale before changing the terminal, keys or forwarder.', { reason: 'settings_change' });
      }
      ctx.settings.update(patch, goLive ? { mode: 'live', forgetDemoCredentials: true } : {});
      if (touchesCore || goLive) await ctx.runtime.configure();
      const view = ctx.settings.publicView();
      ctx.display.refresh();
      ctx.events.emit('settings:changed', view);
      return view;
    },
    'settings:useDemo': async () => {
      const before = ctx.settings.get();
      if (before.mode === 'demo') return ctx.settings.publicView();
      if (!ctx.runtime.hasDemo()) throw new GateError('unavailable', 'This terminal was started without the demo, so it cannot go back to it.', { reason: 'no_demo' });
      if (ctx.runtime.hasOpenSale()) throw new GateError('sale_open', 'Finish or cancel the open sale before going back to the demo.', { reason: 'back_to_demo' });
      // The live keys and token are forgotten (the demo brings its own); the live receipt log
      // (receipts.sqlite) is left as it is, since the demo keeps its own. The demo's public PIN
      // applies again, as the demo's screens say; going live again asks for a new one.
      ctx.settings.update({ managerPin: DEMO_MANAGER_PIN }, { mode: 'demo', forgetDemoCredentials: true });
      await ctx.runtime.configure();
      const view = ctx.settings.publicView();
      ctx.display.refresh();
      ctx.events.emit('settings:changed', view);
      return view;
    },
    'settings:testConnection': (form) => {
      const s = ctx.settings.get();
      const saved = ctx.settings.secrets();
      const opnApiBase = form.opnApiBase ?? s.opnApiBase;
      const forwarderUrl = form.forwarderUrl ?? s.forwarderUrl;
      // A saved secret is only ever sent to its own saved destination.
      const opnSecretKey = form.opnSecretKey ?? (sameDestination(opnApiBase, s.opnApiBase) ? saved.opnSecretKey : '');
      const forwarderToken = form.forwarderToken ?? (sameDestination(forwarderUrl, s.forwarderUrl) ? saved.forwarderToken : '');
      const mode = form.opnSecretKey !== undefined && s.mode === 'demo' ? 'live' : s.mode;
      assertSafeDestinations({ mode, opnSecretKey, opnApiBase, forwarderUrl }, ctx.destinations);
      const terminalId = form.terminalId ?? s.terminalId;
      const sameRelay = forwarderUrl === s.forwarderUrl && terminalId === s.terminalId && form.forwarderToken === undefined;
      return checkConnections({
        opnApiBase,
        opnSecretKey,
        ...(form.opnPublicKey !== undefined ? { opnPublicKey: form.opnPublicKey } : {}),
        forwarderUrl,
        forwarderToken,
        terminalId,
        relayConnected: sameRelay && ctx.runtime.link().state === 'connected',
      });
    },
  };
}

/**
 * With no PIN set (a fresh live install) the first save must set one. Leaving the demo needs a PIN of
 * the shop's own, since 1234 is public.
 */
function requireOwnPin(before: StoredSettings, patch: SettingsUpdate, goLive: boolean): void {
  if (!before.managerPinHash && patch.managerPin === undefined) {
    throw new GateError('pin_required', 'Set a manager PIN first: settings are changed with it from then on.', { reason: 'set_pin_first' });
  }
  if (!goLive) return;
  const nextIsDemo = patch.managerPin !== undefined ? patch.managerPin === DEMO_MANAGER_PIN : verifyPin(DEMO_MANAGER_PIN, before.managerPinHash);
  if (nextIsDemo) throw new GateError('new_pin_required', 'Choose a new manager PIN with the live keys: the demo PIN is public.');
}

/** The secret key, addresses and mode in force after `patch` (a changed address forgets its secret). */
function resultingDestinations(ctx: HandlerContext, before: StoredSettings, patch: SettingsUpdate, mode: 'demo' | 'live', goLive: boolean) {
  const opnApiBase = patch.opnApiBase ?? (goLive ? SETTINGS_FIELDS.opnApiBase.default : before.opnApiBase);
  const keptKey = !goLive && sameDestination(opnApiBase, before.opnApiBase) ? ctx.settings.secrets().opnSecretKey : '';
  return { mode, opnSecretKey: patch.opnSecretKey ?? keptKey, opnApiBase, forwarderUrl: patch.forwarderUrl ?? (goLive ? '' : before.forwarderUrl) };
}

function sameValue(key: keyof SettingsUpdate, patch: SettingsUpdate, before: StoredSettings): boolean {
  // Sealed and hashed values cannot be compared: a re-entered key always counts as a change.
  if (keepOf(key) === 'sealed' || keepOf(key) === 'hash') return false;
  return patch[key] === (before as unknown as Record<string, unknown>)[key];
}

function receiptPrinterComplete(r: ReceiptSettings): boolean {
  return r.printerKind !== 'escpos' || r.printerHost !== '';
}
