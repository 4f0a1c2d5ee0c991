import { useState } from 'react';
import { api } from '../api';
import { Switch, errorMessage, useToast } from '../components';
import { useResource } from '../hooks';

/** Single sign-on (Team Settings): whether it is configured, with which provider, and whether API-key sign-in stays on. */
export function SsoSection() {
  const toast = useToast();
  const sso = useResource(() => api.sso(), 'sso-status');
  const settings = useResource(() => api.settings(), 'sso-settings');
  const [saving, setSaving] = useState(false);

  const setApiKeySignIn = async (on: boolean) => {
    setSaving(true);
    try {
      await api.updateSettings({ apiKeySignIn: on });
      toast(on ? 'Signing in with an API key is allowed' : 'The dashboard now takes single sign-on only');
      await settings.reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="sso-title">
      <h2 id="sso-title">Single sign-on</h2>
      {sso.data?.enabled ? (
        <>
          <p data-testid="sso-status">
            OpenID Connect is on, with <code>{sso.data.issuer}</code>. People sign in with it; someone new joins as a member, matched by their verified email.
          </p>
          {settings.data && (
            <Switch
              id="api-key-sign-in"
              checked={settings.data.apiKeySignIn}
              disabled={saving}
              onChange={(on) => void setApiKeySignIn(on)}
              label="Allow signing in with an API key"
              description="Off: the dashboard takes single sign-on only. API calls with keys keep working."
            />
          )}
        </>
      ) : (
        <p data-testid="sso-status">
          OpenID Connect is not configured: people sign in with an API key. An operator sets <code>OIDC_ISSUER</code>, <code>OIDC_CLIENT_ID</code> and{' '}
          <code>OIDC_CLIENT_SECRET</code> to turn it on.
        </p>
      )}
    </section>
  );
}
