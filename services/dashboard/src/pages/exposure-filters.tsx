import type { User } from '@keyguard/contract';

/** The Exposed keys filters: still active or revoked, and whose. */
export function ExposureFilters({
  state,
  owner,
  users,
  onState,
  onOwner,
}: {
  state: '' | 'active' | 'revoked';
  owner: string;
  users: User[];
  onState: (value: '' | 'active' | 'revoked') => void;
  onOwner: (value: string) => void;
}) {
  return (
    <fieldset className="filters inline-field exposure-filters">
      <legend className="sr-only">Exposed keys filters</legend>
      <label htmlFor="exposure-state">Show</label>
      <select id="exposure-state" className="input" value={state} onChange={(e) => onState(e.target.value as '' | 'active' | 'revoked')}>
        <option value="">All exposed keys</option>
        <option value="active">Still active</option>
        <option value="revoked">Revoked</option>
      </select>
      <label htmlFor="exposure-owner">Owner</label>
      <select id="exposure-owner" className="input" value={owner} onChange={(e) => onOwner(e.target.value)}>
        <option value="">Anyone</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name || u.email}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
