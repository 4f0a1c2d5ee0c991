import { useState } from 'react';
import { api } from '../api';
import { BulkBar, ConfirmDialog, CursorPager, EmptyState, ResourceView, Tag, Tooltip, useToast } from '../components';
import { formatDate, formatDateTime, formatRelative, locationLabel, plural, revocationText, safeHref, usedAfterExposure, userLabel } from '../format';
import { ExposureFilters } from './exposure-filters';
import { routeItem, useResource } from '../hooks';
import type { Exposure, Location } from '@keyguard/contract';

const pageSize = 50;

export function ExposedPage() {
  const toast = useToast();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const [state, setState] = useState<'' | 'active' | 'revoked'>('');
  const [owner, setOwner] = useState('');
  const users = useResource(() => api.users(), 'exposed-owners');
  const exposures = useResource(() => api.exposures({ limit: pageSize, cursor, state, createdBy: owner }), `exposures:${cursor ?? ''}:${state}:${owner}`, 5000);
  const [revoking, setRevoking] = useState<Exposure | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [revokingSelected, setRevokingSelected] = useState(false);
  const list = exposures.data?.items ?? [];
  const selectable = list.filter((e) => e.status !== 'revoked');
  const allSelected = selectable.length > 0 && selectable.every((e) => selected.has(e.id));
  const refilter = (apply: () => void) => {
    apply();
    setCursors([null]);
    setSelected(new Set());
  };
  const toggle = (id: string) =>
    setSelected((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // Across every page, not only this one.
  const open = exposures.data?.active ?? 0;
  const first = (cursors.length - 1) * pageSize + 1;

  return (
    <section aria-labelledby="exposed-title">
      <div className="page-header">
        <div>
          <h1 id="exposed-title">Exposed API keys</h1>
          <p className="muted">
            Keys the Secret Scanner found in public GitHub and GitLab repositories and public Postman workspaces. Revoking a key here also resolves its finding.
          </p>
        </div>
        {exposures.data && (
          <div className={`summary${open === 0 ? ' summary-ok' : ''}`} aria-live="polite">
            <strong>{open}</strong> still active
          </div>
        )}
      </div>

      <ExposureFilters
        state={state}
        owner={owner}
        users={users.data ?? []}
        onState={(value) => refilter(() => setState(value))}
        onOwner={(value) => refilter(() => setOwner(value))}
      />

      <BulkBar
        label="Selected exposed keys"
        count={selected.size}
        noun="key"
        action="Revoke selected"
        onAction={() => setRevokingSelected(true)}
        onClear={() => setSelected(new Set())}
      />

      <ResourceView
        resource={exposures}
        loading="Loading exposed keys…"
        empty={
          list.length === 0 &&
          (state || owner ? (
            <EmptyState title="No exposed key matches">Change the filters to see more.</EmptyState>
          ) : (
            <EmptyState title="No exposed keys">None of your team's keys has been found in a public place. Keyguard keeps watching.</EmptyState>
          ))
        }
      >
        <div className="table-wrap">
          <table className="table exposed-table">
            <thead>
              <tr>
                <th scope="col" className="col-check">
                  <input
                    type="checkbox"
                    aria-label="Select all exposed keys on this page"
                    checked={allSelected}
                    disabled={selectable.length === 0}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((e) => e.id)))}
                  />
                </th>
                <th scope="col">Key</th>
                <th scope="col">Owner</th>
                <th scope="col">Detected</th>
                <th scope="col">Last used</th>
                <th scope="col">Locations</th>
                <th scope="col" className="col-actions">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <ExposureRow key={e.id} exposure={e} selected={selected.has(e.id)} onToggle={() => toggle(e.id)} onRevoke={() => setRevoking(e)} />
              ))}
            </tbody>
          </table>
        </div>
      </ResourceView>
      {(cursors.length > 1 || exposures.data?.nextCursor) && (
        <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={exposures.data?.nextCursor}>
          <span className="muted">{`${first.toLocaleString('en-US')}–${(first + list.length - 1).toLocaleString('en-US')} of ${(exposures.data?.total ?? 0).toLocaleString('en-US')}`}</span>
        </CursorPager>
      )}

      {revokingSelected && (
        <ConfirmDialog
          title={`Revoke ${plural(selected.size, 'exposed key')}?`}
          onClose={() => setRevokingSelected(false)}
          actions={[
            {
              label: `Revoke ${plural(selected.size, 'key')}`,
              variant: 'danger',
              onClick: async () => {
                const result = await api.revokeKeys([...selected]);
                setRevokingSelected(false);
                setSelected(new Set());
                toast(`Revoked ${plural(result.revoked, 'key')} and resolved their findings`);
                await exposures.reload();
              },
            },
          ]}
        >
          <p>They stop working immediately, their owners are emailed, and their Secret Scanner findings are resolved as revoked:</p>
          <ul className="dialog-list">
            {list
              .filter((e) => selected.has(e.id))
              .map((e) => (
                <li key={e.id}>
                  <strong>{e.name}</strong> (<code>{e.preview}</code>), {userLabel(e.createdBy)}
                </li>
              ))}
          </ul>
        </ConfirmDialog>
      )}

      {revoking && (
        <ConfirmDialog
          title="Revoke this exposed key?"
          onClose={() => setRevoking(null)}
          actions={[
            {
              label: 'Revoke key',
              variant: 'danger',
              onClick: async () => {
                await api.revokeKey(revoking.id);
                setRevoking(null);
                toast(`Revoked “${revoking.name}” and resolved its finding`);
                await exposures.reload();
              },
            },
          ]}
        >
          <p>
            <strong>{revoking.name}</strong> (<code>{revoking.preview}</code>) stops working immediately, {userLabel(revoking.createdBy)} is emailed, and the
            Secret Scanner finding is resolved as revoked.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ExposureRow({ exposure: e, selected, onToggle, onRevoke }: { exposure: Exposure; selected: boolean; onToggle: () => void; onRevoke: () => void }) {
  const revoked = e.status === 'revoked';
  const afterExposure = usedAfterExposure(e.lastUsedAt, e.detectedAt);
  // An alert's link (#/exposed/<key id>) points at exactly this row.
  const linked = routeItem() === e.id;
  return (
    <tr
      className={`exposure-row${revoked ? ' is-revoked' : ''}${selected ? ' is-selected' : ''}${linked ? ' is-linked' : ''}`}
      data-key-id={e.id}
      aria-current={linked ? 'true' : undefined}
      ref={linked ? (row) => row?.scrollIntoView({ block: 'center' }) : undefined}
    >
      <td className="col-check">
        <input type="checkbox" aria-label={`Select ${e.name}`} checked={selected} onChange={onToggle} disabled={revoked} />
      </td>
      <td data-label="Key">
        <div className="key-name">
          <span className="key-title">{e.name}</span>
          {revoked ? (
            <Tooltip text={revocationText(e)}>
              <Tag tone="danger">Revoked</Tag>
            </Tooltip>
          ) : e.status === 'disabled' ? (
            <Tag tone="warning">Disabled</Tag>
          ) : (
            <Tag tone="danger">Active</Tag>
          )}
        </div>
        <code className="key-preview">{e.preview}</code>
      </td>
      <td data-label="Owner">
        <span className="cell-main">{userLabel(e.createdBy)}</span>
        {e.createdBy?.email && e.createdBy.name && <span className="cell-sub">{e.createdBy.email}</span>}
      </td>
      <td data-label="Detected">
        <span title={formatDateTime(e.detectedAt)}>{formatDate(e.detectedAt)}</span>
      </td>
      <td data-label="Last used">
        <span className="cell-main" title={e.lastUsedAt ? formatDateTime(e.lastUsedAt) : undefined}>
          {formatRelative(e.lastUsedAt)}
        </span>
        {afterExposure && (
          <span className="cell-sub">
            <Tag tone="warning">Used after exposure</Tag>
          </span>
        )}
      </td>
      <td data-label="Locations">
        <Locations locations={e.locations} />
      </td>
      <td className="col-actions">
        {!revoked && (
          <button type="button" className="btn btn-small btn-danger" onClick={onRevoke} aria-label={`Revoke ${e.name}`}>
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}

export function Locations({ locations }: { locations: Location[] }) {
  if (locations.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="locations">
      {locations.map((loc, i) => {
        const href = safeHref(loc.url);
        const label = locationLabel(loc);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: locations have no id and never reorder
          <li key={i}>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                {label}
              </a>
            ) : (
              label
            )}
          </li>
        );
      })}
    </ul>
  );
}
