import type { IssuedKey, Key, Me } from '@keyguard/contract';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { ConfirmDialog, EmptyState, errorMessage, ResourceView, useToast } from '../components';
import { useResource } from '../hooks';
import { ShowOnce } from '../show-once';
import { KeyRow } from './key-row';

const expiryChoices = [
  { label: 'Never', days: null },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
] as const;

/**
 * My keys, for everyone: create a key (shown once, with a copy button), disable, enable and
 * revoke your own. The team's settings decide whether members may create keys and, when
 * the team sets an expiry, how long every key lives.
 */
export function MyKeysPage({ me }: { me: Me }) {
  const toast = useToast();
  const keys = useResource(
    () => api.keys({ status: ['enabled', 'disabled', 'revoked'], createdBy: me.id, sort: 'newest', limit: 200 }),
    `my-keys:${me.id}`,
    5000,
  );
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string>('never');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const [revoking, setRevoking] = useState<Key | null>(null);

  const isAdmin = me.role !== 'member';
  const mayCreate = isAdmin || me.team.settings.allowMemberKeyGeneration;
  const teamDays = me.team.settings.keyExpiryDays;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give the key a name, e.g. what will use it.');
      return;
    }
    setCreating(true);
    setError(null);
    try {
      const days = expiryChoices.find((c) => String(c.days ?? 'never') === expiry)?.days ?? null;
      const expiresAt = teamDays === null && days !== null ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
      setIssued(await api.createKey({ name: name.trim(), expiresAt }));
      setName('');
      await keys.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  const setEnabled = async (k: Key, enabled: boolean) => {
    try {
      await (enabled ? api.enableKey(k.id) : api.disableKey(k.id));
      toast(`${k.name} ${enabled ? 'enabled' : 'disabled'}`);
      await keys.reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };

  const items = keys.data?.items ?? [];
  return (
    <section aria-labelledby="my-keys-title">
      <div className="page-header">
        <div>
          <h1 id="my-keys-title">My keys</h1>
          <p className="muted">Your own API keys. A key is shown once, when you create it; Keyguard keeps only its hash.</p>
        </div>
      </div>

      {mayCreate ? (
        <form className="card create-key" onSubmit={create} aria-labelledby="create-key-title">
          <h2 id="create-key-title">Create a key</h2>
          <div className="inline-field">
            <label htmlFor="key-name">Name</label>
            <input id="key-name" className="input" placeholder="e.g. Newman in CI" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
            {teamDays === null ? (
              <>
                <label htmlFor="key-expiry">Expires</label>
                <select id="key-expiry" className="input" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
                  {expiryChoices.map((c) => (
                    <option key={c.label} value={String(c.days ?? 'never')}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <span className="muted" data-testid="team-expiry">
                Expires after {teamDays} days (your team's policy)
              </span>
            )}
            <button type="submit" className="btn btn-primary" disabled={creating}>
              {creating ? 'Creating…' : 'Create key'}
            </button>
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <p className="inline-warning" data-testid="creation-off">
          Your team allows only admins to create API keys. Ask an admin if you need one.
        </p>
      )}

      {issued && <ShowOnce title={issued.name} value={issued.key} what="key" onDone={() => setIssued(null)} />}

      <ResourceView
        resource={keys}
        loading="Loading your keys…"
        empty={items.length === 0 && <EmptyState title="You have no API keys yet">{mayCreate ? 'Create one above.' : ''}</EmptyState>}
      >
        <div className="table-wrap">
          <table className="table keys-table my-keys-table" aria-busy={keys.loading}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col" className="col-actions">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <KeyRow
                  key={k.id}
                  apiKey={k}
                  own={k.id === me.keyId}
                  hideOwner
                  onRevoke={() => setRevoking(k)}
                  onSetEnabled={(enabled) => void setEnabled(k, enabled)}
                />
              ))}
            </tbody>
          </table>
        </div>
      </ResourceView>

      {revoking && (
        <ConfirmDialog
          title="Revoke this key?"
          onClose={() => setRevoking(null)}
          actions={[
            {
              label: 'Revoke key',
              variant: 'danger',
              onClick: async () => {
                await api.revokeKey(revoking.id);
                setRevoking(null);
                toast(`${revoking.name} revoked`);
                await keys.reload();
              },
            },
          ]}
        >
          <p>
            <strong>{revoking.name}</strong> (<code>{revoking.preview}</code>) stops working everywhere, for good.
            {revoking.id === me.keyId ? ' You signed in with it: you will be signed out.' : ''}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
