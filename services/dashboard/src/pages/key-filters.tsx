import type { FormEvent } from 'react';
import { useMemo } from 'react';
import type { KeySort, KeyStatus, User } from '@keyguard/contract';

export const allStatuses: KeyStatus[] = ['enabled', 'disabled', 'revoked'];
const statusLabels: Record<KeyStatus, string> = { enabled: 'Enabled', disabled: 'Disabled', revoked: 'Revoked' };
const sortLabels: Record<KeySort, string> = { newest: 'Newest', oldest: 'Oldest', recently_used: 'Recently used' };

export interface KeyFilterValues {
  statuses: KeyStatus[];
  createdBy: string;
  sort: KeySort;
}

interface KeyFiltersProps {
  filters: KeyFilterValues;
  users: User[];
  searchInput: string;
  onSearchInput: (value: string) => void;
  onSearch: (e: FormEvent) => void;
  onToggleStatus: (status: KeyStatus) => void;
  onCreatedBy: (userId: string) => void;
  onSort: (sort: KeySort) => void;
}

/** The keys page's toolbar: search by full key value, the View checkboxes, Created by and Sort. */
export function KeyFilters({ filters, users, searchInput, onSearchInput, onSearch, onToggleStatus, onCreatedBy, onSort }: KeyFiltersProps) {
  const userOptions = useMemo(() => [...users].sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email)), [users]);
  return (
    <div className="toolbar">
      <form className="search" onSubmit={onSearch}>
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
          onChange={(e) => onSearchInput(e.target.value)}
        />
        <button type="submit" className="btn">
          Search
        </button>
      </form>
      <fieldset className="view-filter">
        <legend>View</legend>
        {allStatuses.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={filters.statuses.includes(s)} onChange={() => onToggleStatus(s)} />
            {statusLabels[s]}
          </label>
        ))}
      </fieldset>
      <label className="select-label">
        Created by
        <select className="select" value={filters.createdBy} onChange={(e) => onCreatedBy(e.target.value)}>
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
        <select className="select" value={filters.sort} onChange={(e) => onSort(e.target.value as KeySort)}>
          {(Object.keys(sortLabels) as KeySort[]).map((s) => (
            <option key={s} value={s}>
              {sortLabels[s]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
