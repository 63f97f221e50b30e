// The customer display: it renders only what the terminal tells it (CustomerDisplayState) and has no
// controls. When the link to the terminal drops it says so instead of showing a stale QR.
import { useCallback, useEffect, useState, type CSSProperties } from 'react';
import type { CustomerDisplayState, DisplayLanguage, PosBridge } from '../../shared';
import { hostedChrome } from '../../shared';
import type { Bridge } from '../bridge';
import { countdown, money } from '../ui/format';
import { useBridgeEvent, useConnected, useNow } from '../ui/hooks';
import { ClockIcon } from '../ui/icons';
import { HostedFrame, useCheckout, useViewport } from './HostedCheckout';
import { PaymentVisual } from './PaymentVisual';
import { TestModeBadge } from './TestModeBadge';
import { Cart, fitCart } from './Cart';
import { QrCode } from './QrCode';
import { DEFAULT_LANGUAGES, TEXT } from './texts';

type Text = Readonly<Record<DisplayLanguage, string>>;

function Lines({ text, langs, className }: { text: Text; langs: readonly DisplayLanguage[]; className?: string }) {
  return (
    <div className={`lines ${className ?? ''}`}>
      {langs.map((l, i) => (
        <div key={l} lang={l} className={i === 0 ? 'first' : 'other'}>
          {text[l]}
        </div>
      ))}
    </div>
  );
}

/** The display's one subscription: its state from the terminal, re-read whenever the link comes back. */
function useDisplayState(bridge: Bridge): { connected: boolean; state: CustomerDisplayState | null } {
  const { pos } = bridge;
  const connected = useConnected(bridge);
  const [state, setState] = useState<CustomerDisplayState | null>(null);
  useEffect(() => {
    if (!connected) return;
    void pos['display:get']({}).then((r) => r.ok && setState(r.value));
  }, [pos, connected]);
  useBridgeEvent(pos, 'display:changed', useCallback((s: CustomerDisplayState) => setState(s), []));
  return { connected, state };
}

export function DisplayApp({ bridge }: { bridge: Bridge }) {
  const { connected, state } = useDisplayState(bridge);
  const live = connected && state !== null;
  return (
    <>
      <Screen pos={bridge.pos} state={live ? state : null} />
      {live && state.testMode ? <TestModeBadge languages={languagesOf(state)} /> : null}
    </>
  );
}

const languagesOf = (state: CustomerDisplayState): readonly DisplayLanguage[] => (state.languages && state.languages.length > 0 ? state.languages : DEFAULT_LANGUAGES);

function Screen({ pos, state }: { pos: PosBridge; state: CustomerDisplayState | null }) {
  if (!state) {
    return (
      <main className="display screen-connecting" data-screen="connecting">
        <div className="spinner" />
        <Lines text={TEXT.connecting} langs={DEFAULT_LANGUAGES} />
      </main>
    );
  }
  const langs = languagesOf(state);
  switch (state.screen) {
    case 'idle':
      return (
        <main className="display screen-idle" data-screen="idle">
          <div className="idle-mark" aria-hidden="true">K</div>
          <h1 className="idle-shop" data-testid="display-shop">{state.shopName}</h1>
          <Lines text={TEXT.welcome} langs={langs} className="welcome" />
        </main>
      );
    case 'pending':
      // Keyed by sale: a new sale gets its own "shown at" moment for the countdown bar.
      return <Pending key={state.saleId} pos={pos} state={state} langs={langs} />;
    case 'paid':
    case 'failed':
    case 'expired':
    case 'cancelled':
      return <Result state={state} langs={langs} />;
    default: {
      const never: never = state;
      return never;
    }
  }
}

function Pending({ pos, state, langs }: { pos: PosBridge; state: Extract<CustomerDisplayState, { screen: 'pending' }>; langs: readonly DisplayLanguage[] }) {
  const now = useNow(250);
  const [shownAt] = useState(() => Date.now());
  const left = Date.parse(state.expiresAt) - now;
  // The bar runs over this sale's own validity (the terminal's), else from when its QR was shown.
  const total = state.validityMs ?? Math.max(1, Date.parse(state.expiresAt) - shownAt);
  const viewport = useViewport();
  const checkout = useCheckout(pos, { saleId: state.saleId, uri: state.authorizeUri, hosted: state.checkout === 'hosted', cart: state.cart !== undefined }, viewport);
  const cart = state.cart;
  // The cart's font size as display.css sets it (--fs-cart), for how many lines fit where.
  const cartFont = Math.max(15, Math.min(viewport.width, viewport.height) * 0.024);
  const landscape = viewport.width >= viewport.height;
  const open = left > 0;
  const timer = (qrOnScreen: boolean) => (
    <>
      <div className="qr-timer" data-testid="display-countdown">
        <Lines text={qrOnScreen ? TEXT.validFor : TEXT.timeLeft} langs={langs} className="label" />
        <strong>{countdown(left)}</strong>
      </div>
      <div className="timer-bar" aria-hidden="true" data-testid="timer-bar">
        <span style={{ width: `${Math.max(0, Math.min(100, (left / total) * 100))}%` }} />
      </div>
    </>
  );
  const expired = <div className="qr-expired"><Lines text={TEXT.expired} langs={langs} /></div>;

  if (checkout.kind === 'page') {
    // KakaoPay's page carries the QR, the merchant and the amount; the bar adds the shop, what to do and the time.
    const shown = open && checkout.phase === 'shown';
    const { bar, pad } = hostedChrome(viewport);
    return (
      <main className="display screen-pending hosted-layout" data-screen="pending" data-sale-id={state.saleId} data-checkout="page" style={{ '--bar': `${bar}px`, '--pad': `${pad}px` } as CSSProperties}>
        <header className="hosted-bar">
          <div className="hosted-shop">
            <span className="display-shop">{state.shopName}</span>
            <span className="kakao-pill">KakaoPay</span>
          </div>
          <Lines text={shown ? TEXT.scanPage : open ? TEXT.loadingPage : TEXT.expired} langs={langs} className="hosted-say" />
          <div className="hosted-time">{timer(shown)}</div>
        </header>
        {cart && checkout.cart ? (
          <div className="hosted-cart" style={{ left: checkout.cart.x, top: checkout.cart.y, width: checkout.cart.width, height: checkout.cart.height }}>
            <div className="hosted-cart-amount" data-testid="cart-amount">{money(state.amount, state.currency)}</div>
            <Cart cart={cart} currency={state.currency} langs={langs} fit={fitCart({ width: checkout.cart.width, height: checkout.cart.height - cartFont * 4 }, cartFont, cart)} />
          </div>
        ) : null}
        {open ? (
          <HostedFrame
            uri={state.authorizeUri}
            checkout={checkout}
            loading={
              <div className="hosted-wait">
                <div className="spinner" />
                <div className="display-amount" data-testid="display-amount">{money(state.amount, state.currency)}</div>
              </div>
            }
            beneath={<QrCode text={state.authorizeUri} />}
          />
        ) : (
          <div className="hosted-box" style={{ left: checkout.box.x, top: checkout.box.y, width: checkout.box.width, height: checkout.box.height }}>{expired}</div>
        )}
      </main>
    );
  }
  return (
    <main className={`display screen-pending${cart ? ' with-cart' : ''}`} data-screen="pending" data-sale-id={state.saleId} data-checkout="qr" data-fallback={checkout.reason ?? undefined}>
      <header className="display-head">
        <span className="display-shop">{state.shopName}</span>
        <span className="kakao-pill">KakaoPay</span>
      </header>
      <div className="pending-body">
        <section className="pay-info">
          <Lines text={TEXT.amount} langs={langs} className="label" />
          <div className="display-amount" data-testid="display-amount">
            {money(state.amount, state.currency)}
          </div>
          {cart ? (
            <Cart
              cart={cart}
              currency={state.currency}
              langs={langs}
              fit={fitCart(
                landscape ? { width: viewport.width * 0.44, height: viewport.height * 0.42 } : { width: Math.min(viewport.width * 0.92, cartFont * 36), height: viewport.height * 0.18 },
                cartFont,
                cart,
              )}
            />
          ) : null}
          {/* The steps name the QR: only while it is on screen; beside a cart, one line says what to do. */}
          {open && cart ? <Lines text={TEXT.scanPage} langs={langs} className="scan-line" /> : null}
          {open && !cart ? (
            <ol className="steps">
              {TEXT.steps.map((step, i) => (
                <li key={i}>
                  <span className="step-no" aria-hidden="true">{i + 1}</span>
                  <Lines text={step} langs={langs} />
                </li>
              ))}
            </ol>
          ) : null}
        </section>
        <section className="qr-card">
          <PaymentVisual shape="square">{open ? <QrCode text={state.authorizeUri} /> : expired}</PaymentVisual>
          {timer(open)}
        </section>
      </div>
    </main>
  );
}

function Result({ state, langs }: { state: Extract<CustomerDisplayState, { screen: 'paid' | 'failed' | 'expired' | 'cancelled' }>; langs: readonly DisplayLanguage[] }) {
  const amount = money(state.amount, state.currency);
  const view = {
    paid: { icon: '✓', title: TEXT.paid, sub: TEXT.thanks },
    failed: { icon: '!', title: TEXT.failed, sub: TEXT.didNotGoThrough },
    expired: { icon: <ClockIcon />, title: TEXT.expired, sub: TEXT.newQr },
    cancelled: { icon: '×', title: TEXT.cancelled, sub: TEXT.noCharge },
  }[state.screen];
  return (
    <main className={`display screen-result result-${state.screen}`} data-screen={state.screen}>
      <div className="result-icon" aria-hidden="true">{view.icon}</div>
      <Lines text={view.title} langs={langs} className="result-title" />
      <div className="result-amount" data-testid="display-amount">{amount}</div>
      <Lines text={view.sub} langs={langs} className="result-sub" />
    </main>
  );
}
