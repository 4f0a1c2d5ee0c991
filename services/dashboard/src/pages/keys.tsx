import type { Key, KeySort, KeyStatus, Me } from '@keyguard/contract';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../api';
import { BulkBar, CursorPager, EmptyState, errorMessage, ResourceView, useToast } from '../components';
import { useResource } from '../hooks';
import { allStatuses, KeyFilters } from './key-filters';
import { KeyRow } from './key-row';
import { countActive, type Dialog, RevokeDialogs } from './revoke-dialogs';

const pageSize = 50;

/** Manage API keys: the filters, the paged table with selection, and the revoke confirmations. */
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
      ...(statuses.length === 0
        ? { items: [], nextCursor: null, total: 0 }
        : await api.keys({ status: statuses, createdBy, q: search, sort, limit: pageSize, cursor })),
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
      const counts = await countActive(me.keyId ?? undefined, superAdminsSpared);
      setDialog((d) => (d?.kind === 'revoke-all' ? { kind: 'revoke-all', counting: false, ...counts } : d));
    } catch (e) {
      setDialog(null);
      toast(`Could not count the keys: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  const setEnabled = async (k: Key, enabled: boolean) => {
    try {
      await (enabled ? api.enableKey(k.id) : api.disableKey(k.id));
      toast(`${k.name} ${enabled ? 'enabled' : 'disabled'}`);
      await keys.reload();
    } catch (e) {
      toast(errorMessage(e), 'error');
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
  const rangeText =
    items.length === 0
      ? ''
      : `${first.toLocaleString('en-US')}–${(first + items.length - 1).toLocaleString('en-US')}${total !== undefined ? ` of ${total.toLocaleString('en-US')}` : ''}`;

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

      <KeyFilters
        filters={{ statuses, createdBy, sort }}
        users={users.data ?? []}
        searchInput={searchInput}
        onSearchInput={(value) => {
          setSearchInput(value);
          if (value === '' && search !== '') clearSearch();
        }}
        onSearch={submitSearch}
        onToggleStatus={toggleStatus}
        onCreatedBy={(id) => {
          setCreatedBy(id);
          resetPaging();
        }}
        onSort={(value) => {
          setSort(value);
          resetPaging();
        }}
      />

      <BulkBar
        label="Selected keys"
        count={selected.size}
        noun="key"
        action="Revoke"
        onAction={() => setDialog({ kind: 'revoke-selected', ids: [...selected] })}
        onClear={() => setSelected(new Set())}
      />

      <ResourceView
        resource={keys}
        loading="Loading keys…"
        empty={
          items.length === 0 &&
          (search ? (
            <EmptyState title="No key matches this value">Search needs the full key value. Check it and try again, or clear the search.</EmptyState>
          ) : statuses.length === 0 ? (
            <EmptyState title="Nothing to show">Select at least one of Enabled, Disabled or Revoked.</EmptyState>
          ) : (
            <EmptyState title="No API keys yet">Keys your team members create appear here.</EmptyState>
          ))
        }
      >
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
                  <input
                    type="checkbox"
                    aria-label="Select all keys on this page"
                    checked={allSelected}
                    onChange={toggleAll}
                    disabled={selectable.length === 0}
                  />
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
                  onSetEnabled={(enabled) => void setEnabled(k, enabled)}
                />
              ))}
            </tbody>
          </table>
        </div>
        <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={keys.data?.nextCursor} busy={!settled}>
          <span className="muted">{rangeText}</span>
        </CursorPager>
      </ResourceView>

      <RevokeDialogs
        dialog={dialog}
        ownKeyId={me.keyId ?? undefined}
        superAdminsSpared={superAdminsSpared.size > 0}
        onClose={() => setDialog(null)}
        onRevoked={afterRevoke}
      />
    </section>
  );
}
