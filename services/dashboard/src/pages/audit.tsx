import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { CursorPager, EmptyState, ResourceView } from '../components';
import { formatDateTime, userLabel } from '../format';
import { useResource } from '../hooks';

const pageSize = 50;

const actionKinds = [
  { value: '', label: 'Any action' },
  { value: 'key.', label: 'Keys' },
  { value: 'user.', label: 'People' },
  { value: 'settings.', label: 'Settings' },
  { value: 'finding.', label: 'Findings' },
  { value: 'scim_token.', label: 'SCIM API keys' },
  { value: 'scim_group.', label: 'SCIM groups' },
  { value: 'service_token.', label: 'Service tokens' },
  { value: 'scan.', label: 'Scans' },
];

/** Midnight UTC of a `yyyy-mm-dd` date input, plus `days`. */
const dayStart = (date: string, days = 0) => (date ? new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString() : undefined);

/** The audit log: who did what and when, filtered by actor, action and dates, newest first, paged. */
export function AuditPage() {
  const users = useResource(() => api.users(), 'audit-users');
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState({ actor: '', action: '', from: '', to: '' });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const entries = useResource(
    () => api.audit({ actor: applied.actor, action: applied.action, from: dayStart(applied.from), to: dayStart(applied.to, 1), limit: pageSize, cursor }),
    JSON.stringify([applied, cursor]),
  );

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ actor, action, from, to });
    setCursors([null]);
  };

  const items = entries.data?.items ?? [];
  return (
    <section aria-labelledby="audit-title">
      <div className="page-header">
        <div>
          <h1 id="audit-title">Audit log</h1>
          <p className="muted">Who did what, when: people, the identity provider (SCIM) and Keyguard itself.</p>
        </div>
      </div>
      <form className="filters audit-filters inline-field" onSubmit={apply} aria-label="Audit log filters">
        <label htmlFor="audit-actor">Actor</label>
        <select id="audit-actor" className="input" value={actor} onChange={(e) => setActor(e.target.value)}>
          <option value="">Anyone</option>
          {(users.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name || u.email}
            </option>
          ))}
          <option value="policy">Keyguard policy</option>
          <option value="expiry-sweeper">Expiry sweeper</option>
        </select>
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" className="input" value={action} onChange={(e) => setAction(e.target.value)}>
          {actionKinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <label htmlFor="audit-from">From</label>
        <input id="audit-from" className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="audit-to">To</label>
        <input id="audit-to" className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit" className="btn">
          Apply
        </button>
      </form>
      <ResourceView
        resource={entries}
        loading="Loading the audit log…"
        empty={items.length === 0 && <EmptyState title="Nothing in the audit log matches">Change the filters to see more.</EmptyState>}
      >
        <div className="table-wrap">
          <table className="table audit-table" aria-busy={entries.loading}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} className="audit-row">
                  <td data-label="When">{formatDateTime(e.at)}</td>
                  <td data-label="Actor">
                    {e.actor.type === 'user' ? userLabel({ id: e.actor.id, name: e.actor.name ?? '', email: '' }) : (e.actor.name ?? e.actor.id)}
                  </td>
                  <td data-label="Action">
                    <code className="audit-action">{e.action}</code>
                  </td>
                  <td data-label="Target">
                    {e.target.type} <code>{e.target.id}</code>
                  </td>
                  <td data-label="Details" className="audit-details">
                    {Object.entries(e.details)
                      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={entries.data?.nextCursor} />
      </ResourceView>
    </section>
  );
}
