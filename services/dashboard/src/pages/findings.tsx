import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import { ConfirmDialog, EmptyState, ResourceView, Tag, useToast } from '../components';
import { formatDate, formatDateTime, resolutionLabels, sourceLabel, userLabel } from '../format';
import { hashParams, routeItem, useResource } from '../hooks';
import type { Exposure, Finding, ResolveAs } from '@keyguard/contract';
import { Locations } from './exposed';
import { RecentScans, ScanNowButton } from './scans';

const resolutions: ResolveAs[] = ['revoked', 'false_positive', 'wont_fix'];
const pageSize = 50;
const historyLabels: Record<string, string> = {
  detected: 'Detected',
  location_added: 'Found in another place',
  reopened: 'Reopened',
  resolved: 'Resolved',
  key_revoked: 'Key revoked',
  reported_to_issuer: 'Reported to its issuer for revocation',
  issuer_rejected: 'Its issuer refused the report',
};
const issuerNames: Record<string, string> = { github: 'GitHub' };

const resolutionFilterLabels: Record<string, string> = { revoked: 'revoked', ignored: 'ignored, false positive or won’t fix' };

export function FindingsPage() {
  const toast = useToast();
  // A link (the Overview's charts) may carry the filters: #/findings?status=resolved&source=github&from=…&to=…
  const [linked] = useState(hashParams);
  const [status, setStatus] = useState(linked['status'] ?? 'open');
  const [ruleId, setRuleId] = useState(linked['ruleId'] ?? '');
  const [source, setSource] = useState(linked['source'] ?? '');
  const [range, setRange] = useState({ resolution: linked['resolution'] ?? '', from: linked['from'] ?? '', to: linked['to'] ?? '' });
  const [knownRules, setKnownRules] = useState<string[]>([]);
  const [resolving, setResolving] = useState<Finding | null>(null);
  const [pages, setPages] = useState(1);
  const findings = useResource(
    async () => {
      // The first `pages` pages, fetched again on every refresh so resolved findings move out.
      const all: Finding[] = [];
      let cursor: string | null = null;
      let total: number | undefined;
      for (let i = 0; i < pages; i++) {
        const page = await api.findings({ status, ruleId, source, ...range, limit: pageSize, cursor });
        all.push(...page.items);
        total = page.total;
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return { items: all, more: cursor !== null, total };
    },
    JSON.stringify([status, ruleId, source, range, pages]),
    10_000,
  );

  useEffect(() => {
    const seen = findings.data?.items.map((f) => f.ruleId) ?? [];
    setKnownRules((cur) => {
      const next = [...new Set([...cur, ...seen])].sort();
      return next.length === cur.length ? cur : next;
    });
  }, [findings.data]);

  const list = findings.data?.items ?? [];
  // Which of the team's keys a finding is about (name and owner), from the exposed keys.
  const exposed = useResource(() => api.allExposures(), 'exposures', 30_000);
  const keyOf = useMemo(() => {
    const byFinding = new Map<string, Exposure>();
    for (const e of exposed.data ?? []) if (e.finding) byFinding.set(e.finding.id, e);
    return byFinding;
  }, [exposed.data]);
  const ranged = range.from !== '' || range.to !== '' || range.resolution !== '';
  const filtered = status !== 'open' || ruleId !== '' || source !== '' || ranged;
  const [scansRefresh, setScansRefresh] = useState(0);
  const { reload: reloadFindings } = findings;
  const { reload: reloadExposed } = exposed;
  // a scan that ended may have found secrets, some of them the team's keys: show them at once
  const onScanFinished = useCallback(() => {
    void reloadFindings();
    void reloadExposed();
  }, [reloadFindings, reloadExposed]);

  return (
    <section aria-labelledby="findings-title">
      <div className="page-header">
        <div>
          <h1 id="findings-title">Secret Scanner findings</h1>
          <p className="muted">Secrets found in public places, with every location and what happened since. Resolve each one once it is handled.</p>
        </div>
        <ScanNowButton
          onQueued={(job) => {
            toast(`Scan of ${job.target} queued`);
            setScansRefresh((n) => n + 1);
          }}
        />
      </div>

      <RecentScans refresh={scansRefresh} onFinished={onScanFinished} />

      <div className="toolbar">
        <label className="select-label">
          Status
          <select
            className="select"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPages(1);
            }}
          >
            <option value="open">Unresolved</option>
            <option value="resolved">Resolved</option>
            <option value="">All</option>
          </select>
        </label>
        <label className="select-label">
          Secret type
          <select
            className="select"
            value={ruleId}
            onChange={(e) => {
              setRuleId(e.target.value);
              setPages(1);
            }}
          >
            <option value="">All types</option>
            {knownRules.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="select-label">
          Source
          <select
            className="select"
            value={source}
            onChange={(e) => {
              setSource(e.target.value);
              setPages(1);
            }}
          >
            <option value="">All sources</option>
            <option value="github">GitHub</option>
            <option value="gitlab">GitLab</option>
            <option value="postman">Postman</option>
            <option value="partner">Partner alerts</option>
          </select>
        </label>
        {ranged && (
          <p className="range-filter" data-testid="range-filter">
            {range.from || range.to ? `First seen ${range.from ? formatDate(range.from) : '…'} – ${range.to ? formatDate(range.to) : '…'}` : ''}
            {range.resolution ? `${range.from || range.to ? ' · ' : ''}Resolved as ${resolutionFilterLabels[range.resolution] ?? range.resolution}` : ''}
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                setRange({ resolution: '', from: '', to: '' });
                setPages(1);
              }}
            >
              Clear
            </button>
          </p>
        )}
      </div>

      <ResourceView
        resource={findings}
        loading="Loading findings…"
        empty={
          list.length === 0 &&
          (filtered ? (
            <EmptyState title="No findings match these filters">Change the filters to see more.</EmptyState>
          ) : (
            <EmptyState title="No unresolved findings">Nothing needs your attention. New findings appear here as soon as they are detected.</EmptyState>
          ))
        }
      >
        <ul className="findings" aria-label="Findings">
          {list.map((f) => (
            <FindingCard key={f.id} finding={f} exposure={keyOf.get(f.id)} onResolve={() => setResolving(f)} />
          ))}
        </ul>
        <nav className="pagination" aria-label="More findings">
          <span className="muted">
            {list.length.toLocaleString('en-US')}
            {findings.data?.total !== undefined ? ` of ${findings.data.total.toLocaleString('en-US')}` : ''} findings
          </span>
          {findings.data?.more && (
            <button type="button" className="btn" onClick={() => setPages((n) => n + 1)}>
              Show more
            </button>
          )}
        </nav>
      </ResourceView>

      {resolving && (
        <ResolveDialog
          finding={resolving}
          onClose={() => setResolving(null)}
          onResolved={async (r) => {
            setResolving(null);
            toast(`Finding resolved as ${resolutionLabels[r] ?? r}`);
            await findings.reload();
          }}
        />
      )}
    </section>
  );
}

function FindingCard({ finding: f, exposure, onResolve }: { finding: Finding; exposure: Exposure | undefined; onResolve: () => void }) {
  const [open, setOpen] = useState(() => routeItem() === f.id);
  const detailsId = `finding-${f.id}`;
  const sources = [...new Set(f.locations.map((l) => sourceLabel(l.source)))];
  return (
    <li className="finding" data-finding-id={f.id}>
      <div className="finding-head">
        <div className="finding-main">
          <code className="key-preview" title={`SHA-256 ${f.tokenHash}`}>
            {f.redacted}
          </code>
          <span className="finding-rule">{f.ruleId}</span>
          {exposure && (
            <span className="finding-key">
              Team key <strong>{exposure.name}</strong> · {userLabel(exposure.createdBy)}
            </span>
          )}
          {f.status === 'open' ? <Tag tone="danger">Unresolved</Tag> : <Tag tone="success">{resolutionLabels[f.resolution ?? ''] ?? 'Resolved'}</Tag>}
        </div>
        <div className="finding-meta muted">
          <span>First seen {formatDate(f.firstSeen)}</span>
          <span>Last seen {formatDate(f.lastSeen)}</span>
          <span>
            {f.locations.length} location{f.locations.length === 1 ? '' : 's'}
            {sources.length > 0 ? ` · ${sources.join(', ')}` : ''}
          </span>
          {Object.entries(f.reportedTo ?? {}).map(([issuer, at]) => (
            <span key={issuer} data-testid="reported-to">
              Reported to {issuerNames[issuer] ?? issuer} at {formatDateTime(at)}
            </span>
          ))}
        </div>
        <div className="finding-actions">
          <button type="button" className="btn btn-ghost" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide details' : 'Details'}
          </button>
          {f.status === 'open' && (
            <button type="button" className="btn btn-primary" onClick={onResolve}>
              Resolve
            </button>
          )}
        </div>
      </div>
      {open && (
        <div id={detailsId} className="finding-details">
          <div>
            <h2>Locations</h2>
            <Locations locations={f.locations} />
          </div>
          <div>
            <h2>History</h2>
            <ol className="history">
              {f.history.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: history is append-only
                <li key={i}>
                  <span className="history-when">{formatDateTime(h.at)}</span>
                  <span>
                    {historyLabels[h.action] ?? h.action}
                    {h.resolution ? ` as ${resolutionLabels[h.resolution] ?? h.resolution}` : ''}
                    {h.actor ? ` · ${h.actor.name ?? (h.actor.type === 'system' ? 'Keyguard' : h.actor.id)}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
    </li>
  );
}

function ResolveDialog({ finding, onClose, onResolved }: { finding: Finding; onClose: () => void; onResolved: (r: ResolveAs) => Promise<void> }) {
  const [choice, setChoice] = useState<ResolveAs>('revoked');
  return (
    <ConfirmDialog
      title="Resolve finding"
      onClose={onClose}
      actions={[
        {
          label: 'Resolve',
          onClick: async () => {
            await api.resolveFinding(finding.id, choice);
            await onResolved(choice);
          },
        },
      ]}
    >
      <p>
        <code>{finding.redacted}</code> ({finding.ruleId})
      </p>
      <fieldset className="radio-group">
        <legend>Reason</legend>
        {resolutions.map((r) => (
          <label key={r} className="check">
            <input type="radio" name="resolution" value={r} checked={choice === r} onChange={() => setChoice(r)} />
            {resolutionLabels[r]}
          </label>
        ))}
      </fieldset>
    </ConfirmDialog>
  );
}
