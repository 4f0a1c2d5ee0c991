import { type FormEvent, useState } from 'react';
import type { CreatedUser, Me, User } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, errorMessage, ResourceView, Tag, useToast } from '../components';
import { useResource } from '../hooks';
import { ShowOnce } from '../show-once';

const roles: { value: User['role']; label: string }[] = [
  { value: 'member', label: 'Member' },
  { value: 'team_admin', label: 'Team Admin' },
  { value: 'super_admin', label: 'Super Admin' },
];

/**
 * Members (Team Settings): invite someone (their first key is shown once, to hand over),
 * change a role, deactivate (their sessions end and their keys are revoked) or reactivate.
 */
export function Members({ me }: { me: Me }) {
  const toast = useToast();
  const users = useResource(() => api.users(), 'members');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<User['role']>('member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invited, setInvited] = useState<CreatedUser | null>(null);
  const [handed, setHanded] = useState<{ name: string; key: string } | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const grantable = roles.filter((r) => r.value !== 'super_admin' || me.role === 'super_admin');

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setInvited(await api.createUser({ email: email.trim(), name: name.trim(), role }));
      setEmail('');
      setName('');
      setRole('member');
      await users.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const update = async (u: User, patch: Parameters<typeof api.updateUser>[1], done: string) => {
    try {
      await api.updateUser(u.id, patch);
      toast(done);
      await users.reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };

  const issueKey = async (u: User) => {
    try {
      const issued = await api.createKey({ name: `${u.name}'s key`, ownerId: u.id });
      setHanded({ name: `${u.name}'s key`, key: issued.key });
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };

  const mayChange = (u: User) => u.id !== me.id && (me.role === 'super_admin' || u.role !== 'super_admin');

  return (
    <section aria-labelledby="members-title" className="members">
      <h2 id="members-title">Members</h2>
      <form className="inline-field invite-form" onSubmit={invite} aria-label="Invite a member">
        <label htmlFor="invite-email" className="sr-only">
          Email
        </label>
        <input id="invite-email" className="input" type="email" required placeholder="Email" value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="invite-name" className="sr-only">
          Name
        </label>
        <input id="invite-name" className="input" required placeholder="Name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="invite-role" className="sr-only">
          Role
        </label>
        <select id="invite-role" className="input" value={role} onChange={(e) => setRole(e.target.value as User['role'])}>
          {grantable.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Inviting…' : 'Invite'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {handed && <ShowOnce title={handed.name} value={handed.key} what="key (hand it to them)" onDone={() => setHanded(null)} />}
      {invited && <ShowOnce title={`${invited.user.name}'s first key`} value={invited.key.key} what="key (hand it to them)" onDone={() => setInvited(null)} />}
      <ResourceView resource={users} loading="Loading members…">
        <div className="table-wrap">
          <table className="table members-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col" className="col-actions">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((u) => (
                <tr key={u.id} className="member-row" data-user-id={u.id}>
                  <td data-label="Name">
                    <span className="cell-main member-name">{u.name}</span>
                    <span className="cell-sub">{u.email}</span>
                  </td>
                  <td data-label="Role">
                    <select
                      className="input"
                      aria-label={`Role of ${u.name}`}
                      value={u.role}
                      disabled={!mayChange(u) || !u.active}
                      onChange={(e) =>
                        void update(u, { role: e.target.value as User['role'] }, `${u.name} is now ${roles.find((r) => r.value === e.target.value)?.label}`)
                      }
                    >
                      {roles.map((r) => (
                        <option key={r.value} value={r.value} disabled={r.value === 'super_admin' && me.role !== 'super_admin'}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label="Status">
                    {u.active ? <Tag tone="success">Active</Tag> : <Tag tone="danger">Deactivated</Tag>} {u.provisioned && <Tag tone="info">SCIM</Tag>}
                  </td>
                  <td className="col-actions">
                    {mayChange(u) && u.active && (
                      <button type="button" className="btn btn-small row-action" aria-label={`Issue a key to ${u.name}`} onClick={() => void issueKey(u)}>
                        Issue key
                      </button>
                    )}{' '}
                    {mayChange(u) &&
                      (u.active ? (
                        <button
                          type="button"
                          className="btn btn-small btn-danger-outline"
                          aria-label={`Deactivate ${u.name}`}
                          onClick={() => setDeactivating(u)}
                        >
                          Deactivate
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`Reactivate ${u.name}`}
                          onClick={() => void update(u, { active: true }, `${u.name} reactivated`)}
                        >
                          Reactivate
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ResourceView>
      {deactivating && (
        <ConfirmDialog
          title={`Deactivate ${deactivating.name}?`}
          onClose={() => setDeactivating(null)}
          actions={[
            {
              label: 'Deactivate',
              variant: 'danger',
              onClick: async () => {
                await api.updateUser(deactivating.id, { active: false });
                setDeactivating(null);
                toast(`${deactivating.name} deactivated`);
                await users.reload();
              },
            },
          ]}
        >
          <p>
            <strong>{deactivating.name}</strong> ({deactivating.email}) can no longer sign in; their sessions end and every key of theirs is revoked, and they
            are emailed about each key.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
