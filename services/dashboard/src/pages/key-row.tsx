import type { Key } from '@keyguard/contract';
import { Tag, Tooltip } from '../components';
import { formatDate, formatRelative, revocationText, userLabel } from '../format';

/** One key of the table: its tags (disabled, revoked with who/when, exposed, your session), dates and Revoke. */
export function KeyRow({ apiKey: k, own, selected, onToggle, onRevoke }: { apiKey: Key; own: boolean; selected: boolean; onToggle: () => void; onRevoke: () => void }) {
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
        {k.createdBy.email && k.createdBy.name && <span className="cell-sub">{k.createdBy.email}</span>}
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
