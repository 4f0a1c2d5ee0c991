import { type FormEvent, useState } from 'react';
import type { IssuedServiceToken, ServiceToken } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, errorMessage, useToast } from '../components';
import { CredentialsTable } from '../credentials-table';
import { useResource } from '../hooks';
import { ShowOnce } from '../show-once';

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
      {issued && <ShowOnce title={issued.name} value={issued.token} what="token" onDone={() => setIssued(null)} />}
      <CredentialsTable
        resource={tokens}
        noun="service tokens"
        column="Token"
        rowClass="token-row"
        action="Delete"
        onAction={setDeleting}
        detail={(t) => t.scopes.join(', ')}
      />
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
