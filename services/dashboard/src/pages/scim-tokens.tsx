import { type FormEvent, useState } from 'react';
import type { IssuedScimToken, ScimToken } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, errorMessage, useToast } from '../components';
import { CredentialsTable } from '../credentials-table';
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
      <CredentialsTable resource={tokens} noun="SCIM API keys" column="Key" rowClass="scim-token-row" action="Revoke" onAction={setRevoking} />
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
