import { type FormEvent, useState } from 'react';
import type { IssuedServiceToken, ServiceToken } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, ErrorState, Spinner, errorMessage, useToast } from '../components';
import { formatDate, formatRelative, userLabel } from '../format';
import { useResource } from '../hooks';

/**
 * Service tokens (Settings): machine credentials for your own services, e.g. to call
 * POST /api/v1/keys/verify. A new token is shown once, here; afterwards only its preview.
 */
export function ServiceTokens() {
  const toast = useToast();
  const tokens = useResource(() => api.serviceTokens(), 'service-tokens');
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedServiceToken | null>(null);
  const [deleting, setDeleting] = useState<ServiceToken | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give the token a name, e.g. the service that will use it.');
      return;
    }
    setCreating(true);
    setError(null);
    try {
      const token = await api.createServiceToken({ name: name.trim(), scopes: ['keys:verify'] });
      setIssued(token);
      setName('');
      await tokens.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  return (
    <section aria-labelledby="service-tokens-title" className="service-tokens">
      <h2 id="service-tokens-title">Service tokens</h2>
      <p className="muted">
        Credentials for your own services to verify API keys with <code>POST /api/v1/keys/verify</code> (scope <code>keys:verify</code>). A token is shown once;
        Keyguard keeps only its hash. A leaked token is detected like any key.
      </p>
      <form className="inline-field token-form" onSubmit={create}>
        <label htmlFor="token-name" className="sr-only">
          Token name
        </label>
        <input
          id="token-name"
          className="input"
          placeholder="Token name, e.g. payments-api"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={creating}>
          {creating ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {issued && (
        <div className="card token-issued" role="status" aria-live="polite">
          <p>
            <strong>{issued.name}</strong>: copy this token now. It will not be shown again.
          </p>
          <code className="token-value" data-testid="issued-token">
            {issued.token}
          </code>
          <div className="inline-field">
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                void navigator.clipboard?.writeText(issued.token).then(
                  () => toast('Token copied'),
                  () => toast('Copy it by hand'),
                )
              }
            >
              Copy
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setIssued(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {tokens.loading && !tokens.data ? (
        <Spinner label="Loading service tokens…" />
      ) : tokens.error && !tokens.data ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.reload()} />
      ) : tokens.data && tokens.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
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
                <tr key={t.id} className="token-row">
                  <td data-label="Name">
                    <span className="key-title">{t.name}</span>
                    <div className="muted">{t.scopes.join(', ')}</div>
                  </td>
                  <td data-label="Token">
                    <code>{t.preview}</code>
                  </td>
                  <td data-label="Created by">{userLabel(t.createdBy)}</td>
                  <td data-label="Created">{formatDate(t.createdAt)}</td>
                  <td data-label="Last used">{formatRelative(t.lastUsedAt)}</td>
                  <td className="col-actions">
                    <button type="button" className="btn btn-small btn-danger-outline" aria-label={`Delete ${t.name}`} onClick={() => setDeleting(t)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No service tokens yet.</p>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this service token?"
          onClose={() => setDeleting(null)}
          actions={[
            {
              label: 'Delete token',
              variant: 'danger',
              onClick: async () => {
                await api.deleteServiceToken(deleting.id);
                setDeleting(null);
                toast(`${deleting.name} deleted`);
                await tokens.reload();
              },
            },
          ]}
        >
          <p>
            Services using <strong>{deleting.name}</strong> (<code>{deleting.preview}</code>) can no longer verify keys with it, from now on.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
