import type { Key } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, Spinner } from '../components';
import { plural, userLabel } from '../format';

/** What the keys page is asking to confirm: one key, the selected ones, or every key (counted first). */
export type Dialog =
  | { kind: 'revoke-one'; key: Key }
  | { kind: 'revoke-selected'; ids: string[] }
  | { kind: 'revoke-all'; counting: true }
  | { kind: 'revoke-all'; counting: false; keys: number; owners: number }
  | null;

/**
 * Every key that is not revoked yet, counted page by page: what "Revoke All" will touch.
 * keys-api spares the key the admin signed in with and, for a team admin, the super admins'
 * keys (`spared` owners), so they are not counted.
 */
export async function countActive(ownKeyId: string | undefined, spared: ReadonlySet<string>): Promise<{ keys: number; owners: number }> {
  const owners = new Set<string>();
  let keys = 0;
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await api.keys({ status: ['enabled', 'disabled'], sort: 'newest', limit: 200, cursor });
    for (const k of page.items) {
      if (k.id === ownKeyId || spared.has(k.createdBy.id)) continue;
      keys++;
      owners.add(k.createdBy.id);
    }
    cursor = page.nextCursor;
    if (!cursor || page.items.length === 0) break;
  }
  return { keys, owners: owners.size };
}

interface RevokeDialogsProps {
  dialog: Dialog;
  /** The key the admin signed in with: keys-api spares it from "Revoke All". */
  ownKeyId: string | undefined;
  /** A team admin's "Revoke All" leaves the super admins' keys alone. */
  superAdminsSpared: boolean;
  onClose: () => void;
  onRevoked: (message: string) => Promise<void>;
}

/** The confirmations of the keys page; each names what it revokes before it does. */
export function RevokeDialogs({ dialog, ownKeyId, superAdminsSpared, onClose, onRevoked }: RevokeDialogsProps) {
  return (
    <>
      {dialog?.kind === 'revoke-one' && (
        <ConfirmDialog
          title="Revoke this API key?"
          onClose={onClose}
          actions={[
            {
              label: 'Revoke key',
              variant: 'danger',
              onClick: async () => {
                await api.revokeKey(dialog.key.id);
                await onRevoked(`Revoked “${dialog.key.name}”`);
              },
            },
          ]}
        >
          <p>
            <strong>{dialog.key.name}</strong> (<code>{dialog.key.preview}</code>) created by {userLabel(dialog.key.createdBy)} stops working immediately. Its
            owner is emailed. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'revoke-selected' && (
        <ConfirmDialog
          title={`Revoke ${plural(dialog.ids.length, 'key')}?`}
          onClose={onClose}
          actions={[
            {
              label: `Revoke ${plural(dialog.ids.length, 'key')}`,
              variant: 'danger',
              onClick: async () => {
                const r = await api.revokeKeys(dialog.ids);
                await onRevoked(`Revoked ${plural(r?.revoked ?? dialog.ids.length, 'key')}`);
              },
            },
          ]}
        >
          <p>The selected keys stop working immediately and their owners are emailed. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'revoke-all' && (
        <ConfirmDialog
          title="Revoke all API keys?"
          onClose={onClose}
          actions={
            dialog.counting || dialog.keys === 0
              ? []
              : [
                  {
                    label: `Revoke ${plural(dialog.keys, 'key')}`,
                    variant: 'danger',
                    onClick: async () => {
                      const r = await api.revokeAll();
                      await onRevoked(`Revoked ${plural(r.revoked, 'key')} of ${plural(r.owners, 'owner')}`);
                    },
                  },
                ]
          }
        >
          {dialog.counting ? (
            <Spinner label="Counting keys…" />
          ) : dialog.keys === 0 ? (
            <p>There are no other enabled or disabled keys to revoke.</p>
          ) : (
            <p data-testid="revoke-all-summary">
              This revokes <strong>{plural(dialog.keys, 'key')}</strong> owned by <strong>{plural(dialog.owners, 'team member')}</strong>. Every integration
              using them stops working immediately and each owner is emailed. This cannot be undone.
            </p>
          )}
          {!dialog.counting && ownKeyId && <p className="muted">The key you signed in with stays active so you keep access.</p>}
          {!dialog.counting && superAdminsSpared && <p className="muted">Super admins' keys are not affected.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
