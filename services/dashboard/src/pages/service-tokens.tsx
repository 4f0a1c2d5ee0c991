import { useState } from 'react';
import type { ServiceToken } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, useToast } from '../components';
import { CreateCredential } from '../create-credential';
import { CredentialsTable } from '../credentials-table';
import { useResource } from '../hooks';

/**
 * Service tokens (Settings): machine credentials for your own services, e.g. to call
 * POST /api/v1/keys/verify. A new token is shown once, here; afterwards only its preview.
 */
export function ServiceTokens() {
  const toast = useToast();
  const tokens = useResource(() => api.serviceTokens(), 'service-tokens');
  const [deleting, setDeleting] = useState<ServiceToken | null>(null);

  return (
    <section aria-labelledby="service-tokens-title" className="service-tokens">
      <h2 id="service-tokens-title">Service tokens</h2>
      <p className="muted">
        Credentials for your own services to verify API keys with <code>POST /api/v1/keys/verify</code> (scope <code>keys:verify</code>). A token is shown once;
        Keyguard keeps only its hash. A leaked token is detected like any key.
      </p>
      <CreateCredential
        id="token-name"
        label="Token name"
        placeholder="Token name, e.g. payments-api"
        submitLabel="Create token"
        nameRequired="Give the token a name, e.g. the service that will use it."
        what="token"
        create={(name) => api.createServiceToken({ name, scopes: ['keys:verify'] })}
        onCreated={tokens.reload}
      />
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
