// The cashier window: a top bar (shop, navigation, link status) over one of four screens.
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, LinkStatus, PublicSettings } from '../../shared';
import { cashierTexts, defaultCashierLanguage } from '../../shared';
import type { Bridge, Session } from '../bridge';
import { useBridgeEvent, useConnected } from '../ui/hooks';
import { TextsContext } from '../ui/texts';
import { LinkBadge } from './LinkBadge';
import { PrintNotices } from './receipts';
import { ReportsGate } from './ReportsGate';
import { SaleScreen } from './SaleScreen';
import { SalesList } from './SalesList';
import { SettingsGate } from './SettingsGate';

export type Tab = 'sale' | 'today' | 'reports' | 'settings';
const TABS: readonly { id: Tab; key: string }[] = [
  { id: 'sale', key: 'F1' },
  { id: 'today', key: 'F2' },
  { id: 'reports', key: 'F3' },
  { id: 'settings', key: 'F4' },
];

export function CashierApp({ bridge }: { bridge: Bridge }) {
  const { pos } = bridge;
  const connected = useConnected(bridge);
  const [current, setTab] = useState<Tab>('sale');
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [link, setLink] = useState<LinkStatus | null>(null);
  const [session, setSession] = useState<Session>('active');
  useEffect(() => bridge.onSession(setSession), [bridge]);

  useEffect(() => {
    if (!connected) return;
    void pos['settings:get']({}).then((r) => r.ok && setSettings(r.value));
    void pos['app:info']({}).then((r) => {
      if (r.ok) {
        setInfo(r.value);
        setLink(r.value.link);
      }
    });
  }, [pos, connected]);
  useBridgeEvent(pos, 'settings:changed', setSettings);
  useBridgeEvent(pos, 'link:changed', setLink);

  // F1–F4 switch screens from anywhere, so every screen is one key away.
  const onKey = useCallback((e: KeyboardEvent) => {
    const i = ['F1', 'F2', 'F3', 'F4'].indexOf(e.key);
    const target = TABS[i];
    if (target) {
      e.preventDefault();
      setTab(target.id);
    }
  }, []);
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onKey]);

  // The cashier's language: the one chosen in Settings, else the shop's country's.
  const t = cashierTexts(settings?.cashierLanguage ?? defaultCashierLanguage(settings?.country ?? 'SG'));

  if (bridge.missingToken) {
    return (
      <div className="center" role="alert" lang={t.language}>
        <div className="card dialog">
          <h2>{t.top.noToken}</h2>
          <p className="muted">{t.top.noTokenDetail}</p>
        </div>
      </div>
    );
  }

  // The terminal has a newer cashier link than this page's: nothing to reconnect to, say which to open.
  if (session === 'stale') {
    return (
      <div className="center" role="alert" lang={t.language} data-testid="session-screen" data-session={session}>
        <div className="card dialog">
          <h2>{t.session.stale}</h2>
          <p className="muted">{t.session.staleDetail}</p>
        </div>
      </div>
    );
  }

  // One cashier page at a time: this one was refused or replaced; it waits for an explicit takeover
  // (the button does not take focus, so an Enter meant for the other window does not move the session).
  if (session !== 'active') {
    const elsewhere = session === 'elsewhere';
    return (
      <div className="center" role="alert" lang={t.language} data-testid="session-screen" data-session={session}>
        <div className="card dialog">
          <h2>{elsewhere ? t.session.elsewhere : t.session.taken}</h2>
          <p className="muted">{elsewhere ? t.session.elsewhereDetail : t.session.takenDetail}</p>
          <button type="button" className="btn primary large block" data-testid="take-over" onClick={() => bridge.takeOver()}>
            {t.session.takeOver}
          </button>
        </div>
      </div>
    );
  }

  return (
    <TextsContext.Provider value={t}>
    <div className="app" lang={t.language}>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">K</span>
          <div>
            <div className="shop" data-testid="shop-name" title={settings?.shopName}>
              {settings?.shopName ?? '…'}
            </div>
            <div className="sub muted">
              <span className="sub-text">{settings ? `${settings.terminalId} · ${t.top.country[settings.country]}` : t.top.connecting}</span>
              {/* The live settings say which mode it is (app:info is read once, at connect). */}
              {(settings?.mode ?? info?.mode) === 'demo' ? <span className="chip warning demo">{t.top.demo}</span> : null}
              {/* Live on Opn test keys: no real money is taken (the demo has its own badge). */}
              {settings?.mode === 'live' && settings.opnTestKeys ? (
                <span className="chip info test-mode" data-testid="test-mode-badge" title={t.top.testModeDetail}>
                  {t.top.testMode}
                </span>
              ) : null}
            </div>
          </div>
        </div>
        <nav className="tabs" aria-label={t.checks.screens}>
          {TABS.map((tab) => (
            <button key={tab.id} type="button" className={`tab ${current === tab.id ? 'active' : ''}`} aria-current={current === tab.id ? 'page' : undefined} onClick={() => setTab(tab.id)} title={`${t.tabs[tab.id]} (${tab.key})`}>
              {t.tabs[tab.id]}
            </button>
          ))}
        </nav>
        <LinkBadge link={link} connected={connected} />
      </header>
      {!connected && settings ? (
        <div className="banner danger" role="alert">
          {t.top.offline}
        </div>
      ) : null}
      {settings?.attention ? (
        <div className="banner danger" role="alert" data-testid="settings-attention" data-code={settings.attention}>
          <strong className="banner-title">{t.settingsAttention.title}</strong>
          <span className="banner-detail">{t.settingsAttention.reason[settings.attention]} {t.settingsAttention.fix}</span>
        </div>
      ) : null}
      <main className="screen">
        {settings ? (
          <>
            <div hidden={current !== 'sale'} className="screen-fill">
              <SaleScreen pos={pos} settings={settings} active={current === 'sale'} connected={connected} />
            </div>
            {current === 'today' ? <SalesList pos={pos} settings={settings} /> : null}
            {current === 'reports' ? <ReportsGate pos={pos} settings={settings} onClose={() => setTab('sale')} /> : null}
            {current === 'settings' ? <SettingsGate pos={pos} settings={settings} mode={settings.mode} onClose={() => setTab('sale')} /> : null}
          </>
        ) : (
          <div className="center muted">
            <div className="spinner" />
          </div>
        )}
      </main>
      <PrintNotices pos={pos} />
    </div>
    </TextsContext.Provider>
  );
}
