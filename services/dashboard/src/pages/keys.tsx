import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../api';
import { ConfirmDialog, EmptyState, ErrorState, Spinner, Tag, Tooltip, useToast } from '../components';
import { formatDate, formatRelative, plural, revocationText, userLabel } from '../format';
import { useResource } from '../hooks';
import type { Key, KeySort, KeyStatus, Me } from '@keyguard/contract';

const pageSize = 50;
const allStatuses: KeyStatus[] = ['enabled', 'disabled', 'revoked'];
const statusLabels: Record<KeyStatus, string> = { enabled: 'Enabled', disabled: 'Disabled', revoked: 'Revoked' };
const sortLabels: Record<KeySort, string> = { newest: 'Newest', oldest: 'Oldest', recently_used: 'Recently used' };

type Dialog =
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
async function countActive(ownKeyId: string | undefined, spared: ReadonlySet<string>): Promise<{ keys: number; owners: number }> {
  const owners = new Set<string>();
  let keys = 0;
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await api.keys({ status: ['enabled', 'disabled'], sort: 'newest', limit: 200, cursor });
    for (const k of page.items) {
      if (k.id === ownKeyId || spared.has(k.createdBy?.id ?? '')) continue;
      keys++;
      owners.add(k.createdBy?.id ?? 'unknown');
    }
    cursor = page.nextCursor;
    if (!cursor || page.items.length === 0) break;
  }
  return { keys, owners: owners.size };
}

export function KeysPage({ me }: { me: Me }) {
  const toast = useToast();
  const [statuses, setStatuses] = useState<KeyStatus[]>(allStatuses);
  const [createdBy, setCreatedBy] = useState('');
  const [sort, setSort] = useState<KeySort>('newest');
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);

  const cursor = cursors[cursors.length - 1] ?? null;
  const users = useResource(() => api.users(), 'users');
  const pageIndex = cursors.length - 1;
  const keys = useResource(
    async () => ({
      // Which page these rows are: the range shown must follow the rows, not the click.
      pageIndex,
      ...(statuses.length === 0 ? { items: [], nextCursor: null, total: 0 } : await api.keys({ status: statuses, createdBy, q: search, sort, limit: pageSize, cursor })),
    }),
    JSON.stringify([statuses, createdBy, search, sort, cursor]),
    5000,
  );

  const resetPaging = () => {
    setCursors([null]);
    setSelected(new Set());
  };
  const toggleStatus = (s: KeyStatus) => {
    setStatuses((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : allStatuses.filter((x) => x === s || cur.includes(x))));
    resetPaging();
  };
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setSearch(searchInput.trim());
    resetPaging();
  };
  const clearSearch = () => {
    setSearchInput('');
    setSearch('');
    resetPaging();
  };

  const items = keys.data?.items ?? [];
  const selectable = items.filter((k) => k.status !== 'revoked');
  const allSelected = selectable.length > 0 && selectable.every((k) => selected.has(k.id));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(selectable.map((k) => k.id)));
  const toggleOne = (id: string) =>
    setSelected((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // A team admin's Revoke All leaves the super admins' keys alone (keys-api enforces it).
  const superAdminsSpared = useMemo(
    () => new Set(me.role === 'super_admin' ? [] : (users.data ?? []).filter((u) => u.role === 'super_admin').map((u) => u.id)),
    [me.role, users.data],
  );
  const openRevokeAll = async () => {
    setDialog({ kind: 'revoke-all', counting: true });
    try {
      const counts = await countActive(me.keyId, superAdminsSpared);
      setDialog((d) => (d?.kind === 'revoke-all' ? { kind: 'revoke-all', counting: false, ...counts } : d));
    } catch (e) {
      setDialog(null);
      toast(`Could not count the keys: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  const afterRevoke = async (text: string) => {
    setDialog(null);
    setSelected(new Set());
    toast(text);
    await keys.reload();
  };

  const first = (keys.data?.pageIndex ?? 0) * pageSize + 1;
  const settled = keys.data?.pageIndex === pageIndex;
  const total = keys.data?.total;
  const rangeText = items.length === 0 ? '' : `${first.toLocaleString('en-US')}–${(first + items.length - 1).toLocaleString('en-US')}${total !== undefined ? ` of ${total.toLocaleString('en-US')}` : ''}`;
  const userOptions = useMemo(() => [...(users.data ?? [])].sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email)), [users.data]);

  return (
    <section aria-labelledby="keys-title">
      <div className="page-header">
        <div>
          <h1 id="keys-title">Manage API keys</h1>
          <p className="muted">Every API key your team has created. Revoke keys that are no longer needed or may have leaked.</p>
        </div>
        <button type="button" className="btn btn-danger-outline" onClick={() => void openRevokeAll()}>
          Revoke All
        </button>
      </div>

      <div className="toolbar">
        <form className="search" onSubmit={submitSearch}>
          <label htmlFor="key-search" className="sr-only">
            Search by key value
          </label>
          <input
            id="key-search"
            type="search"
            className="input"
            placeholder="Search by key value (paste the full key)"
            autoComplete="off"
            spellCheck={false}
            value={searchInput}
            onChange={(e) => {
              setSearchInput(e.target.value);
              if (e.target.value === '' && search !== '') clearSearch();
            }}
          />
          <button type="submit" className="btn">
            Search
          </button>
        </form>
        <fieldset className="view-filter">
          <legend>View</legend>
          {allStatuses.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={statuses.includes(s)} onChange={() => toggleStatus(s)} />
              {statusLabels[s]}
            </label>
          ))}
        </fieldset>
        <label className="select-label">
          Created by
          <select
            className="select"
            value={createdBy}
            onChange={(e) => {
              setCreatedBy(e.target.value);
              resetPaging();
            }}
          >
            <option value="">Anyone</option>
            {userOptions.map((u) => (
              <option key={u.id} value={u.id} title={u.email}>
                {u.name || u.email}
              </option>
            ))}
          </select>
        </label>
        <label className="select-label">
          Sort
          <select
            className="select"
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as KeySort);
              resetPaging();
            }}
          >
            {(Object.keys(sortLabels) as KeySort[]).map((s) => (
              <option key={s} value={s}>
                {sortLabels[s]}
              </option>
            ))}
          </select>
        </label>
      </div>

      {selected.size > 0 && (
        <section className="bulkbar" aria-label="Selected keys">
          <span>{plural(selected.size, 'key')} selected</span>
          <button type="button" className="btn btn-danger" onClick={() => setDialog({ kind: 'revoke-selected', ids: [...selected] })}>
            Revoke
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        </section>
      )}

      {keys.loading && !keys.data ? (
        <Spinner label="Loading keys…" />
      ) : keys.error && !keys.data ? (
        <ErrorState error={keys.error} onRetry={() => void keys.reload()} />
      ) : items.length === 0 ? (
        search ? (
          <EmptyState title="No key matches this value">Search needs the full key value. Check it and try again, or clear the search.</EmptyState>
        ) : statuses.length === 0 ? (
          <EmptyState title="Nothing to show">Select at least one of Enabled, Disabled or Revoked.</EmptyState>
        ) : (
          <EmptyState title="No API keys yet">Keys your team members create appear here.</EmptyState>
        )
      ) : (
        <>
          {keys.error && (
            <p className="inline-warning" role="status">
              Could not refresh: {keys.error.message}
            </p>
          )}
          <div className="table-wrap">
            <table className="table keys-table" aria-busy={keys.loading}>
              <thead>
                <tr>
                  <th scope="col" className="col-check">
                    <input type="checkbox" aria-label="Select all keys on this page" checked={allSelected} onChange={toggleAll} disabled={selectable.length === 0} />
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Created by</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col" className="col-actions">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((k) => (
                  <KeyRow
                    key={k.id}
                    own={k.id === me.keyId}
                    apiKey={k}
                    selected={selected.has(k.id)}
                    onToggle={() => toggleOne(k.id)}
                    onRevoke={() => setDialog({ kind: 'revoke-one', key: k })}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pagination" aria-label="Pages">
            <span className="muted">{rangeText}</span>
            <button type="button" className="btn" disabled={!settled || cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              ← Previous
            </button>
            <button
              type="button"
              className="btn"
              disabled={!settled || !keys.data?.nextCursor}
              onClick={() => {
                const next = keys.data?.nextCursor;
                if (next) setCursors((c) => [...c, next]);
              }}
            >
              Next →
            </button>
          </nav>
        </>
      )}

      {dialog?.kind === 'revoke-one' && (
        <ConfirmDialog
          title="Revoke this API key?"
          onClose={() => setDialog(null)}
          actions={[
            {
              label: 'Revoke key',
              variant: 'danger',
              onClick: async () => {
                await api.revokeKey(dialog.key.id);
                await afterRevoke(`Revoked “${dialog.key.name}”`);
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
          onClose={() => setDialog(null)}
          actions={[
            {
              label: `Revoke ${plural(dialog.ids.length, 'key')}`,
              variant: 'danger',
              onClick: async () => {
                const r = await api.revokeKeys(dialog.ids);
                await afterRevoke(`Revoked ${plural(r?.revoked ?? dialog.ids.length, 'key')}`);
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
          onClose={() => setDialog(null)}
          actions={
            dialog.counting || dialog.keys === 0
              ? []
              : [
                  {
                    label: `Revoke ${plural(dialog.keys, 'key')}`,
                    variant: 'danger',
                    onClick: async () => {
                      const r = await api.revokeAll();
                      await afterRevoke(`Revoked ${plural(r.revoked, 'key')} of ${plural(r.owners, 'owner')}`);
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
              This revokes <strong>{plural(dialog.keys, 'key')}</strong> owned by <strong>{plural(dialog.owners, 'team member')}</strong>. Every integration using them
              stops working immediately and each owner is emailed. This cannot be undone.
            </p>
          )}
          {!dialog.counting && me.keyId && (
            <p className="muted">The key you signed in with stays active so you keep access.</p>
          )}
          {!dialog.counting && superAdminsSpared.size > 0 && <p className="muted">Super admins' keys are not affected.</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}

function KeyRow({ apiKey: k, own, selected, onToggle, onRevoke }: { apiKey: Key; own: boolean; selected: boolean; onToggle: () => void; onRevoke: () => void }) {
  const revoked = k.status === 'revoked';
  return (
    <tr className={`key-row${selected ? ' is-selected' : ''}${revoked ? ' is-revoked' : ''}`} data-key-id={k.id}>
      <td className="col-check">
        <input type="checkbox" aria-label={`Select ${k.name}`} checked={selected} onChange={onToggle} disabled={revoked} />
      </td>
      <td data-label="Name">
        <div className="key-name">
          <span className="key-title">{k.name}</span>
          {k.status === 'disabled' && <Tag tone="warning">Disabled</Tag>}
          {revoked && (
            <Tooltip text={revocationText(k)}>
              <Tag tone="danger">Revoked</Tag>
            </Tooltip>
          )}
          {k.exposure && !revoked && <Tag tone="danger">Exposed</Tag>}
          {own && <Tag tone="info">Your session</Tag>}
        </div>
        <code className="key-preview">{k.preview}</code>
      </td>
      <td data-label="Created by">
        <span className="cell-main">{userLabel(k.createdBy)}</span>
        {k.createdBy?.email && k.createdBy.name && <span className="cell-sub">{k.createdBy.email}</span>}
      </td>
      <td data-label="Created">
        <span className="cell-main">{formatDate(k.createdAt)}</span>
        {revoked && <span className="cell-sub revoked-date">Revoked {formatDate(k.revokedAt)}</span>}
      </td>
      <td data-label="Expires">{k.expiresAt ? formatDate(k.expiresAt) : <span className="muted">Never</span>}</td>
      <td data-label="Last used">
        <span title={k.lastUsedAt ? formatDate(k.lastUsedAt) : undefined}>{formatRelative(k.lastUsedAt)}</span>
      </td>
      <td className="col-actions">
        {!revoked && (
          <button type="button" className="btn btn-small btn-danger-outline row-action" onClick={onRevoke} aria-label={`Revoke ${k.name}`}>
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
