import type { ReactNode } from 'react';
import type { UserRef } from '@keyguard/contract';
import { ErrorState, Spinner } from './components';
import { formatDate, formatRelative, userLabel } from './format';
import type { Resource } from './hooks';

/** A machine credential as the API lists it: its preview, never the secret. */
interface Credential {
  id: string;
  name: string;
  preview: string;
  createdBy: UserRef;
  createdAt: string;
  lastUsedAt: string | null;
}

/**
 * A team's machine credentials (service tokens, SCIM API keys): the loading, error and empty
 * states, then a row each with its name, preview, creator, dates and one action.
 */
export function CredentialsTable<T extends Credential>({
  resource,
  noun,
  column,
  rowClass,
  action,
  onAction,
  detail,
}: {
  resource: Resource<T[]>;
  /** "service tokens", "SCIM API keys": for the loading and empty lines. */
  noun: string;
  /** The preview column's heading: "Token" or "Key". */
  column: string;
  rowClass: string;
  action: 'Revoke' | 'Delete';
  onAction: (item: T) => void;
  /** A line under the name (a service token's scopes). */
  detail?: (item: T) => ReactNode;
}) {
  if (resource.loading && !resource.data) return <Spinner label={`Loading ${noun}…`} />;
  if (resource.error && !resource.data) return <ErrorState error={resource.error} onRetry={() => void resource.reload()} />;
  if (!resource.data || resource.data.length === 0) return <p className="muted">No {noun} yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table tokens-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">{column}</th>
            <th scope="col">Created by</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col" className="col-actions">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {resource.data.map((t) => (
            <tr key={t.id} className={rowClass}>
              <td data-label="Name">
                <span className="key-title">{t.name}</span>
                {detail && <div className="muted">{detail(t)}</div>}
              </td>
              <td data-label={column}>
                <code>{t.preview}</code>
              </td>
              <td data-label="Created by">{userLabel(t.createdBy)}</td>
              <td data-label="Created">{formatDate(t.createdAt)}</td>
              <td data-label="Last used">{formatRelative(t.lastUsedAt)}</td>
              <td className="col-actions">
                <button type="button" className="btn btn-small btn-danger-outline" aria-label={`${action} ${t.name}`} onClick={() => onAction(t)}>
                  {action}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
