// The cashier window: a top bar (shop, navigation, link status) over one of four screens.
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, LinkStatus, PublicSettings } from '../../shared';
import type { Bridge } from '../bridge';
import { useBridgeEvent, useConnected } from '../ui/hooks';
import { LinkBadge } from './LinkBadge';
import { ReportsGate } from './ReportsGate';
import { SaleScreen } from './SaleScreen';
import { SalesList } from './SalesList';
import { SettingsGate } from './SettingsGate';

export type Tab = 'sale' | 'today' | 'reports' | 'settings';
const TABS: readonly { id: Tab; label: string; key: string }[] = [
  { id: 'sale', label: 'Sale', key: 'F1' },
  { id: 'today', label: "Today's sales", key: 'F2' },
  { id: 'reports', label: 'Reports', key: 'F3' },
  { id: 'settings', label: 'Settings', key: 'F4' },
];

export function CashierApp({ bridge }: { bridge: Bridge }) {
  const { pos } = bridge;
  const connected = useConnected(bridge);
  const [tab, setTab] = useState<Tab>('sale');
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [link, setLink] = useState<LinkStatus | null>(null);

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

  if (bridge.missingToken) {
    return (
      <div className="center" role="alert">
        <div className="card dialog">
          <h2>Open the cashier link from the terminal</h2>
          <p className="muted">
            This address has no access token. Use the <code>cashier:</code> link that <code>npm start</code> printed; it carries a token that changes every run.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">K</span>
          <div>
            <div className="shop" data-testid="shop-name">{settings?.shopName ?? '…'}</div>
            <div className="sub muted">
              {settings ? `${settings.terminalId} · ${settings.country === 'SG' ? 'Singapore · SGD' : 'Thailand · THB'}` : 'Connecting…'}
              {info?.mode === 'demo' || settings?.mode === 'demo' ? <span className="chip warning demo">Demo</span> : null}
            </div>
          </div>
        </div>
        <nav className="tabs" aria-label="Screens">
          {TABS.map((t) => (
            <button key={t.id} type="button" className={`tab ${tab === t.id ? 'active' : ''}`} aria-current={tab === t.id ? 'page' : undefined} onClick={() => setTab(t.id)} title={`${t.label} (${t.key})`}>
              {t.label}
            </button>
          ))}
        </nav>
        <LinkBadge link={link} connected={connected} />
      </header>
      {!connected && settings ? (
        <div className="banner danger" role="alert">
          Not connected to the terminal service. Reconnecting… (is <code>npm start</code> still running?)
        </div>
      ) : null}
      <main className="screen">
        {settings ? (
          <>
            <div hidden={tab !== 'sale'} className="screen-fill">
              <SaleScreen pos={pos} settings={settings} active={tab === 'sale'} recovering={info?.recovering ?? false} />
            </div>
            {tab === 'today' ? <SalesList pos={pos} settings={settings} /> : null}
            {tab === 'reports' ? <ReportsGate pos={pos} settings={settings} onClose={() => setTab('sale')} /> : null}
            {tab === 'settings' ? <SettingsGate pos={pos} settings={settings} mode={info?.mode ?? settings.mode} onClose={() => setTab('sale')} /> : null}
          </>
        ) : (
          <div className="center muted">
            <div className="spinner" />
          </div>
        )}
      </main>
    </div>
  );
}
