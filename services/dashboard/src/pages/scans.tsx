import { useEffect, useId, useRef, useState } from 'react';
import type { ScanJob, ScanRequest } from '@keyguard/contract';
import { api } from '../api';
import { ConfirmDialog, Tag, type TagTone, useToast } from '../components';
import { formatDateTime, formatRelative, scanActive, scanProgress, scanReasonLabels, scanStatusLabels, sourceLabel } from '../format';
import { useResource } from '../hooks';

type Source = ScanRequest['source'];

const targets: Record<Source, { label: string; placeholder: string; hint: string }> = {
  github: { label: 'Repository', placeholder: 'owner/repo', hint: 'Every commit on every branch and tag is scanned, not only the latest files.' },
  gitlab: { label: 'Project', placeholder: 'group/project', hint: 'Every commit on every branch and tag is scanned, not only the latest files.' },
  postman: {
    label: 'Resource',
    placeholder: 'collection:<id>',
    hint: 'collection:<id>, environment:<id>, workspace:<id> (with everything in it) or api:<id>.',
  },
};

const tones: Record<ScanJob['status'], TagTone> = {
  queued: 'neutral',
  running: 'info',
  done: 'success',
  partial: 'warning',
  failed: 'danger',
  skipped: 'warning',
};

/** "Scan now": a repository's whole history or a Postman resource, queued for its ingest service. */
export function ScanNowButton({ onQueued }: { onQueued: (job: ScanJob) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
        Scan now
      </button>
      {open && (
        <ScanDialog
          onClose={() => setOpen(false)}
          onQueued={(job) => {
            setOpen(false);
            onQueued(job);
          }}
        />
      )}
    </>
  );
}

function ScanDialog({ onClose, onQueued }: { onClose: () => void; onQueued: (job: ScanJob) => void }) {
  const [source, setSource] = useState<Source>('github');
  const [target, setTarget] = useState('');
  const sourceId = useId();
  const targetId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <ConfirmDialog
      title="Scan now"
      onClose={onClose}
      actions={[
        {
          label: 'Start scan',
          onClick: async () => onQueued(await api.requestScan({ source, target })),
        },
      ]}
    >
      <p className="muted">Findings appear in the Secret Scanner as the scan finds them.</p>
      <label className="field-label" htmlFor={sourceId}>
        Source
      </label>
      <select id={sourceId} className="select" value={source} onChange={(e) => setSource(e.target.value as Source)}>
        <option value="github">GitHub repository</option>
        <option value="gitlab">GitLab project</option>
        <option value="postman">Postman resource</option>
      </select>
      <label className="field-label" htmlFor={targetId}>
        {targets[source].label}
      </label>
      <input
        ref={input}
        id={targetId}
        className="input input-wide"
        value={target}
        placeholder={targets[source].placeholder}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setTarget(e.target.value)}
      />
      <p id={hintId} className="field-hint muted">
        {targets[source].hint}
      </p>
    </ConfirmDialog>
  );
}

/**
 * The latest scans (on-demand ones and those Keyguard started itself), refreshed every two
 * seconds while one is running. `onFinished` runs when one ends, so its findings show at once.
 */
export function RecentScans({ refresh, onFinished }: { refresh: number; onFinished: () => void }) {
  const [active, setActive] = useState(false);
  const scans = useResource(() => api.scans(), `scans-${refresh}`, active ? 2000 : 15_000);
  const running = useRef(new Set<string>());
  const toast = useToast();
  useEffect(() => {
    const list = scans.data ?? [];
    setActive(list.some(scanActive));
    for (const job of list) {
      if (scanActive(job)) running.current.add(job.id);
      else if (running.current.delete(job.id)) {
        toast(
          `Scan of ${job.target}: ${scanStatusLabels[job.status].toLowerCase()}${job.status === 'done' ? `, ${scanProgress(job)}` : ''}`,
          job.status === 'failed' ? 'error' : 'success',
        );
        onFinished();
      }
    }
  }, [scans.data, onFinished, toast]);

  const list = (scans.data ?? []).slice(0, 8);
  if (list.length === 0) return null;
  return (
    <section className="scans card" aria-labelledby="scans-title">
      <h2 id="scans-title">Recent scans</h2>
      <table className="table scans-table">
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">Started by</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Requested</th>
          </tr>
        </thead>
        <tbody>
          {list.map((job) => (
            <tr key={job.id} className="scan-row" data-scan-id={job.id}>
              <td>
                <span className="scan-target">{job.target}</span>
                <span className="muted scan-source">{sourceLabel(job.source)}</span>
              </td>
              <td>{job.reason === 'on_demand' && job.requestedBy?.name ? job.requestedBy.name : scanReasonLabels[job.reason]}</td>
              <td>
                <Tag tone={tones[job.status]}>{scanStatusLabels[job.status]}</Tag>
                {job.error && <span className="scan-error muted">{job.error.message}</span>}
              </td>
              <td className="scan-progress">{scanProgress(job) || '—'}</td>
              <td title={formatDateTime(job.createdAt)}>{formatRelative(job.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
