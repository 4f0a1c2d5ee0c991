import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { errorMessage } from '../components';
import { useResource } from '../hooks';

/** Why single sign-on sent the person back (`/?sso_error=<code>`). */
const ssoErrors: Record<string, string> = {
  expired: 'The sign-in took too long or was started elsewhere. Try again.',
  denied: 'The identity provider did not sign you in.',
  failed: 'Single sign-on failed. Try again, or ask an admin.',
  unverified_email: 'Your identity provider did not confirm your email address.',
  deactivated: 'Your account has been deactivated. Ask an admin of your team.',
  no_team: 'Single sign-on is not set up for a team yet. Ask an admin.',
};

/**
 * Exchanges an API key for a session cookie (HttpOnly, SameSite=Strict, set by keys-api).
 * The key lives only in this form's state until the request is sent; it is never stored.
 */
export function SignInPage({ notice, onSignedIn }: { notice?: string | undefined; onSignedIn: () => Promise<void> }) {
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(() => {
    const code = new URLSearchParams(location.search).get('sso_error');
    return code ? (ssoErrors[code] ?? ssoErrors['failed']!) : null;
  });
  const sso = useResource(() => api.sso(), 'sso');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = apiKey.trim();
    if (!value) {
      setError('Paste your API key to sign in.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.signIn(value);
      setApiKey('');
      await onSignedIn();
    } catch (err) {
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 400)
          ? 'That API key is not valid, or it has been disabled or revoked.'
          : err instanceof ApiError && err.code === 'API_KEY_SIGN_IN_OFF'
            ? 'Your team signs in with single sign-on. Use the button below.'
            : errorMessage(err),
      );
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            K
          </span>
          <span className="brand-name">Keyguard</span>
        </div>
        <h1>Sign in</h1>
        <p className="muted">Use one of your API keys. Keyguard keeps you signed in with a secure cookie and never stores the key in the browser.</p>
        {notice && !error && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor="api-key" className="field-label">
          API key
        </label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          className="input"
          autoComplete="off"
          spellCheck={false}
          placeholder="PMAK-…"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'signin-error' : undefined}
          // biome-ignore lint/a11y/noAutofocus: the only field of the page
          autoFocus
        />
        {error && (
          <p id="signin-error" className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {sso.data?.enabled && (
          <>
            <p className="muted signin-or">or</p>
            <a className="btn btn-block" href="/api/v1/session/oidc">
              Sign in with SSO
            </a>
          </>
        )}
      </form>
    </main>
  );
}
