import { useState } from 'react';
import type { ScimToken } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, useToast } from '../components';
import { CreateCredential } from '../create-credential';
import { CredentialsTable } from '../credentials-table';
import { useResource } from '../hooks';

/**
 * SCIM API keys (Team Settings): the bearer tokens your identity provider (Okta, Entra ID, …)
 * provisions people with at /scim/v2. A new key is shown once, here; afterwards only its preview.
 */
export function ScimTokens() {
  const toast = useToast();
  const tokens = useResource(() => api.scimTokens(), 'scim-tokens');
  const [revoking, setRevoking] = useState<ScimToken | null>(null);

  return (
    <section aria-labelledby="scim-tokens-title" className="scim-tokens">
      <h2 id="scim-tokens-title">SCIM API keys</h2>
      <p className="muted">
        Your identity provider creates, updates and deactivates your team's people at <code>{`${location.origin}/scim/v2`}</code> with one of these keys (
        <code>Authorization: Bearer kgscim_…</code>). Deactivating someone there ends their sessions and revokes their keys.
      </p>
      <CreateCredential
        id="scim-token-name"
        label="SCIM API key name"
        placeholder="Key name, e.g. Okta"
        submitLabel="Create SCIM API key"
        nameRequired="Give the key a name, e.g. the identity provider that will use it."
        what="SCIM API key"
        create={(name) => api.createScimToken({ name })}
        onCreated={tokens.reload}
      />
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
