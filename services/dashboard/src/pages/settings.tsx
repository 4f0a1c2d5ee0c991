import { type FormEvent, useEffect, useState } from 'react';
import type { Settings, SettingsResult } from '@keyguard/contract';
import { NotificationsSection } from './notifications';
import { api, settingsConflict } from '../api';
import { ConfirmDialog, ErrorState, Spinner, Switch, errorMessage, useToast } from '../components';
import { plural } from '../format';
import { useResource } from '../hooks';
import { ExposedKeyList } from './exposed-key-list';
import { ServiceTokens } from './service-tokens';

type Pending = { kind: 'exposed'; count: number } | { kind: 'expiry'; days: number; expiresNow: number } | null;

export function SettingsPage() {
  const toast = useToast();
  const settings = useResource(() => api.settings(), 'settings');
  const [current, setCurrent] = useState<Settings>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [expiryOn, setExpiryOn] = useState(false);
  const [days, setDays] = useState('90');

  useEffect(() => {
    if (!settings.data) return;
    setCurrent(settings.data);
    setExpiryOn(settings.data.keyExpiryDays !== null);
    if (settings.data.keyExpiryDays !== null) setDays(String(settings.data.keyExpiryDays));
  }, [settings.data]);

  const save = async (patch: Parameters<typeof api.updateSettings>[0], done: string | ((r: SettingsResult) => string)) => {
    setSaving(true);
    setError(null);
    try {
      const result = await api.updateSettings(patch);
      const { expiresNow: _expired, revokedExposed: _revoked, ...saved } = result;
      setCurrent(saved);
      toast(typeof done === 'function' ? done(result) : done);
      return true;
    } catch (e) {
      const conflict = settingsConflict(e);
      if (conflict?.error === 'EXPOSED_KEYS_EXIST') {
        setPending({ kind: 'exposed', count: conflict.exposedCount });
        return false;
      }
      if (conflict?.error === 'CONFIRM_EXPIRY' && typeof patch.keyExpiryDays === 'number') {
        setPending({ kind: 'expiry', days: patch.keyExpiryDays, expiresNow: conflict.expiresNow });
        return false;
      }
      setError(errorMessage(e));
      return false;
    } finally {
      setSaving(false);
    }
  };

  if (settings.loading && !settings.data) return <Spinner label="Loading settings…" />;
  if (!current) return <ErrorState error={settings.error ?? new Error('No settings')} onRetry={() => void settings.reload()} />;

  const submitExpiry = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) {
      setError('Enter a whole number of days between 1 and 3650.');
      return;
    }
    void save({ keyExpiryDays: n }, `API keys now expire after ${plural(n, 'day')}`);
  };

  const expiryDirty = expiryOn && String(current.keyExpiryDays ?? '') !== days;

  return (
    <section aria-labelledby="settings-title">
      <div className="page-header">
        <div>
          <h1 id="settings-title">API key settings</h1>
          <p className="muted">Team-wide rules for creating, expiring and automatically revoking API keys.</p>
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="card settings">
        <Switch
          id="setting-allow"
          label="Allow anyone in your team to generate API keys"
          description="When this is off, only Team Admins and Super Admins can create new keys."
          checked={current.allowMemberKeyGeneration}
          disabled={saving}
          onChange={(v) => void save({ allowMemberKeyGeneration: v }, v ? 'Everyone in your team can generate API keys' : 'Only admins can generate API keys')}
        />
        <div className="setting-group">
          <Switch
            id="setting-expiry"
            label="Set expiry for API keys"
            description="Overrides the expiry people choose. Keys older than the limit expire and are revoked."
            checked={expiryOn}
            disabled={saving}
            onChange={(v) => {
              setExpiryOn(v);
              if (!v && current.keyExpiryDays !== null) void save({ keyExpiryDays: null }, 'API keys no longer expire by default');
            }}
          />
          {expiryOn && (
            <form className="expiry-form" onSubmit={submitExpiry}>
              <label htmlFor="expiry-days" className="field-label">
                Keys expire after
              </label>
              <div className="inline-field">
                <input
                  id="expiry-days"
                  className="input input-narrow"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={3650}
                  value={days}
                  onChange={(e) => setDays(e.target.value)}
                />
                <span>days</span>
                <button type="submit" className="btn btn-primary" disabled={saving || !expiryDirty}>
                  Save
                </button>
              </div>
            </form>
          )}
        </div>
        <Switch
          id="setting-auto-revoke"
          label="Auto revoke exposed Postman API keys"
          description="Keys found in public Postman workspaces, GitHub or GitLab are revoked at once, and their owners are emailed."
          checked={current.autoRevokeExposed}
          disabled={saving}
          onChange={(v) => void save({ autoRevokeExposed: v }, v ? 'Exposed keys will be revoked automatically' : 'Automatic revocation is off')}
        />
        <Switch
          id="setting-weekly-digest"
          label="Weekly insights email"
          description="Once a week every Team Admin is emailed the last 7 days in brief: exposures by source, time to revoke, outcomes, open findings."
          checked={current.weeklyDigest}
          disabled={saving}
          onChange={(v) => void save({ weeklyDigest: v }, v ? 'Admins will get the weekly insights email' : 'The weekly insights email is off')}
        />
      </div>
      <NotificationsSection />

      <ServiceTokens />

      {pending?.kind === 'exposed' && (
        <ConfirmDialog
          title="Exposed keys already exist"
          onClose={() => setPending(null)}
          actions={[
            {
              label: 'Ignore them',
              variant: 'secondary',
              onClick: async () => {
                setPending(null);
                await save({ autoRevokeExposed: true, existingExposed: 'ignore' }, 'Auto revoke is on; existing exposed keys were left as they are');
              },
            },
            {
              label: 'Revoke exposed keys',
              variant: 'danger',
              onClick: async () => {
                setPending(null);
                await save(
                  { autoRevokeExposed: true, existingExposed: 'revoke' },
                  (r) => `Auto revoke is on; ${plural(r.revokedExposed, 'exposed key')} revoked`,
                );
              },
            },
          ]}
        >
          <p data-testid="exposed-warning">
            <strong>{plural(pending.count, 'exposed key')}</strong> {pending.count === 1 ? 'is' : 'are'} still active. Revoke{' '}
            {pending.count === 1 ? 'it' : 'them'} now, or ignore {pending.count === 1 ? 'it' : 'them'} and only revoke keys detected from now on.
          </p>
          <ExposedKeyList />
        </ConfirmDialog>
      )}
      {pending?.kind === 'expiry' && (
        <ConfirmDialog
          title="Some keys expire now"
          onClose={() => setPending(null)}
          actions={[
            {
              label: `Expire ${plural(pending.expiresNow, 'key')}`,
              variant: 'danger',
              onClick: async () => {
                const p = pending;
                setPending(null);
                await save(
                  { keyExpiryDays: p.days, confirm: true },
                  (r) => `API keys now expire after ${plural(p.days, 'day')}; ${plural(r.expiresNow, 'key')} expired`,
                );
              },
            },
          ]}
        >
          <p data-testid="expiry-warning">
            With a limit of {plural(pending.days, 'day')}, <strong>{plural(pending.expiresNow, 'key')}</strong> {pending.expiresNow === 1 ? 'is' : 'are'}{' '}
            already past
            {pending.expiresNow === 1
              ? ' its expiry and will be revoked now. Its owner is emailed.'
              : ' their expiry and will be revoked now. Their owners are emailed.'}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
