import { type FormEvent, useState } from 'react';
import type { IssuedScimToken, ScimToken } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, ErrorState, Spinner, errorMessage, useToast } from '../components';
import { formatDate, formatRelative, userLabel } from '../format';
import { useResource } from '../hooks';
import { ShowOnce } from '../show-once';

/**
 * SCIM API keys (Team Settings): the bearer tokens your identity provider (Okta, Entra ID, …)
 * provisions people with at /scim/v2. A new key is shown once, here; afterwards only its preview.
 */
export function ScimTokens() {
  const toast = useToast();
  const tokens = useResource(() => api.scimTokens(), 'scim-tokens');
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedScimToken | null>(null);
  const [revoking, setRevoking] = useState<ScimToken | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give the key a name, e.g. the identity provider that will use it.');
      return;
    }
    setCreating(true);
    setError(null);
    try {
      setIssued(await api.createScimToken({ name: name.trim() }));
      setName('');
      await tokens.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  return (
    <section aria-labelledby="scim-tokens-title" className="scim-tokens">
      <h2 id="scim-tokens-title">SCIM API keys</h2>
      <p className="muted">
        Your identity provider creates, updates and deactivates your team's people at <code>{`${location.origin}/scim/v2`}</code> with one of these keys (
        <code>Authorization: Bearer kgscim_…</code>). Deactivating someone there ends their sessions and revokes their keys.
      </p>
      <form className="inline-field token-form" onSubmit={create}>
        <label htmlFor="scim-token-name" className="sr-only">
          SCIM API key name
        </label>
        <input
          id="scim-token-name"
          className="input"
          placeholder="Key name, e.g. Okta"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={creating}>
          {creating ? 'Creating…' : 'Create SCIM API key'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {issued && <ShowOnce title={issued.name} value={issued.token} what="SCIM API key" onDone={() => setIssued(null)} />}
      {tokens.loading && !tokens.data ? (
        <Spinner label="Loading SCIM API keys…" />
      ) : tokens.error && !tokens.data ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.reload()} />
      ) : tokens.data && tokens.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Created by</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col" className="col-actions">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id} className="scim-token-row">
                  <td data-label="Name">
                    <span className="key-title">{t.name}</span>
                  </td>
                  <td data-label="Key">
                    <code>{t.preview}</code>
                  </td>
                  <td data-label="Created by">{userLabel(t.createdBy)}</td>
                  <td data-label="Created">{formatDate(t.createdAt)}</td>
                  <td data-label="Last used">{formatRelative(t.lastUsedAt)}</td>
                  <td className="col-actions">
                    <button type="button" className="btn btn-small btn-danger-outline" aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No SCIM API keys yet.</p>
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke this SCIM API key?"
          onClose={() => setRevoking(null)}
          actions={[
            {
              label: 'Revoke SCIM API key',
              variant: 'danger',
              onClick: async () => {
                await api.deleteScimToken(revoking.id);
                setRevoking(null);
                toast(`${revoking.name} revoked`);
                await tokens.reload();
              },
            },
          ]}
        >
          <p>
            Your identity provider can no longer provision people with <strong>{revoking.name}</strong> (<code>{revoking.preview}</code>), from now on.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
