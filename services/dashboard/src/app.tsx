import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, onUnauthorized } from './api';
import { AdminsOnly, ErrorState, Spinner, ToastProvider } from './components';
import { useHashRoute } from './hooks';
import { ExposedPage } from './pages/exposed';
import { FindingsPage } from './pages/findings';
import { KeysPage } from './pages/keys';
import { SettingsPage } from './pages/settings';
import { SignInPage } from './pages/sign-in';
import type { Me } from '@keyguard/contract';

type Session = { state: 'loading' } | { state: 'signed-out'; notice?: string } | { state: 'error'; error: unknown } | { state: 'signed-in'; me: Me };

const pages = [
  { route: 'keys', label: 'API keys' },
  { route: 'exposed', label: 'Exposed keys' },
  { route: 'findings', label: 'Secret Scanner' },
  { route: 'settings', label: 'Settings' },
] as const;

const roleLabels: Record<Me['role'], string> = { member: 'Member', team_admin: 'Team Admin', super_admin: 'Super Admin' };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const loadMe = useCallback(async () => {
    try {
      setSession({ state: 'signed-in', me: await api.me() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSession({ state: 'signed-out' });
      else setSession({ state: 'error', error });
    }
  }, []);

  useEffect(() => {
    void loadMe();
    return onUnauthorized(() => setSession({ state: 'signed-out', notice: 'Your session has ended. Sign in again.' }));
  }, [loadMe]);

  return <ToastProvider>{render()}</ToastProvider>;

  function render() {
    switch (session.state) {
      case 'loading':
        return (
          <main className="center-page">
            <Spinner label="Loading Keyguard…" />
          </main>
        );
      case 'error':
        return (
          <main className="center-page">
            <ErrorState error={session.error} onRetry={() => void loadMe()} />
          </main>
        );
      case 'signed-out':
        return <SignInPage notice={session.notice} onSignedIn={loadMe} />;
      case 'signed-in':
        return (
          <Shell
            me={session.me}
            onSignOut={async () => {
              try {
                await api.signOut();
              } finally {
                setSession({ state: 'signed-out', notice: 'You are signed out.' });
              }
            }}
          />
        );
    }
  }
}

function Shell({ me, onSignOut }: { me: Me; onSignOut: () => Promise<void> }) {
  const route = useHashRoute();
  const current = pages.find((p) => p.route === route)?.route ?? 'keys';
  const isAdmin = me.role === 'team_admin' || me.role === 'super_admin';

  const firstRender = useRef(true);
  useEffect(() => {
    document.title = `${pages.find((p) => p.route === current)?.label ?? 'Keyguard'} · Keyguard`;
    // After navigating, keyboard and screen-reader users continue in the new page, not the menu.
    if (firstRender.current) firstRender.current = false;
    else document.getElementById('main')?.focus();
  }, [current]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="#/keys">
          <span className="brand-mark" aria-hidden="true">
            K
          </span>
          <span className="brand-name">Keyguard</span>
        </a>
        <nav className="nav" aria-label="Main">
          {pages.map((p) => (
            <a key={p.route} href={`#/${p.route}`} className="nav-link" aria-current={p.route === current ? 'page' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <div className="account">
          <span className="account-name" title={me.email}>
            {me.name || me.email}
            <span className="account-role">{roleLabels[me.role] ?? me.role}</span>
          </span>
          <button type="button" className="btn btn-ghost" onClick={() => void onSignOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {!isAdmin ? (
          <AdminsOnly />
        ) : current === 'keys' ? (
          <KeysPage me={me} />
        ) : current === 'exposed' ? (
          <ExposedPage />
        ) : current === 'findings' ? (
          <FindingsPage />
        ) : (
          <SettingsPage />
        )}
      </main>
    </div>
  );
}
