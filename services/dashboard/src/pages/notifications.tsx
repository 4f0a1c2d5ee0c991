import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import { ConfirmDialog, EmptyState, Switch, Tag, type TagTone, errorMessage, useToast } from '../components';
import { formatDateTime } from '../format';
import { useResource } from '../hooks';
import { type Channel, type ChannelEventName, type ChannelType, type Delivery, channelEvents, channelsApi } from '../notifications-api';
import type { PatchSettings, Settings } from '@keyguard/contract';

const eventLabels: Record<ChannelEventName, string> = {
  'exposure.detected': 'Exposure detected',
  'key.revoked': 'Key revoked',
  'finding.created': 'Finding created',
  'finding.resolved': 'Finding resolved',
};
const windows = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 24 * 60 * 60_000];
const windowLabel = (ms: number) =>
  ms >= 3600_000 ? `${ms / 3600_000} hour${ms === 3600_000 ? '' : 's'}` : `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
const statusTone: Record<Delivery['status'], TagTone> = { pending: 'warning', delivering: 'info', succeeded: 'success', failed: 'danger' };

/**
 * Settings → Notifications: who is emailed (security contacts), how often (the digest window),
 * the webhook and Slack channels with their delivery log, and the relay of third-party tokens.
 */
export function NotificationsSection() {
  const toast = useToast();
  const settings = useResource(() => api.settings(), 'notification-settings');
  const [current, setCurrent] = useState<Settings>();
  const [contacts, setContacts] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmRelay, setConfirmRelay] = useState<string | null>(null);

  useEffect(() => {
    if (!settings.data) return;
    setCurrent(settings.data);
    setContacts((settings.data.securityContacts ?? []).join(', '));
  }, [settings.data]);

  const save = async (patch: PatchSettings, done: string) => {
    setError(null);
    try {
      const next = await api.updateSettings(patch);
      setCurrent((c) => ({ ...(c as Settings), ...next }));
      setContacts((next.securityContacts ?? []).join(', '));
      toast(done);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFIRM_RELAY') setConfirmRelay(e.message);
      else setError(errorMessage(e));
    }
  };

  if (!current) return null;
  const defaultWindow = current.digestWindowDefaultMs ?? 300_000;
  const submitContacts = (e: FormEvent) => {
    e.preventDefault();
    const list = contacts.split(/[\s,;]+/).filter(Boolean);
    void save({ securityContacts: list }, list.length ? `Security contacts saved (${list.length})` : 'Security contacts removed');
  };

  return (
    <section aria-labelledby="notifications-title" className="notifications">
      <div className="page-header">
        <div>
          <h2 id="notifications-title">Notifications</h2>
          <p className="muted">
            Key owners, team admins and security contacts are emailed about exposures within seconds; a burst becomes one email per person per window.
          </p>
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="card settings">
        <form className="setting-block" onSubmit={submitContacts}>
          <label htmlFor="security-contacts" className="field-label">
            Security contacts
          </label>
          <p className="setting-description">
            Also emailed about every exposed key of the team and every third-party token found. Separate addresses with commas.
          </p>
          <div className="inline-field">
            <input
              id="security-contacts"
              className="input input-wide"
              type="text"
              value={contacts}
              onChange={(e) => setContacts(e.target.value)}
              placeholder="security@example.com"
            />
            <button type="submit" className="btn btn-primary">
              Update contacts
            </button>
          </div>
        </form>
        <div className="setting-block">
          <label htmlFor="digest-window" className="field-label">
            Digest window
          </label>
          <p className="setting-description">At most one email per person per window; the first alert after a quiet window goes out within seconds.</p>
          <select
            id="digest-window"
            className="select"
            value={current.digestWindowMs ?? ''}
            onChange={(e) => {
              const v = e.target.value === '' ? null : Number(e.target.value);
              void save({ digestWindowMs: v }, v === null ? `Digest window: the default (${windowLabel(defaultWindow)})` : `Digest window: ${windowLabel(v)}`);
            }}
          >
            <option value="">Default ({windowLabel(defaultWindow)})</option>
            {windows.map((w) => (
              <option key={w} value={w}>
                {windowLabel(w)}
              </option>
            ))}
          </select>
        </div>
        <Switch
          id="setting-relay"
          label="Report third-party tokens to their issuers"
          description="GitHub tokens found in public places are sent to GitHub, which revokes them and tells their owners."
          checked={current.relayThirdPartyTokens ?? false}
          onChange={(v) =>
            void save({ relayThirdPartyTokens: v }, v ? 'Third-party tokens will be reported to their issuers' : 'Third-party tokens are no longer reported')
          }
        />
      </div>
      <Channels />
      {confirmRelay && (
        <ConfirmDialog
          title="Report third-party tokens to their issuers?"
          onClose={() => setConfirmRelay(null)}
          actions={[
            {
              label: 'Turn on reporting',
              variant: 'danger',
              onClick: async () => {
                setConfirmRelay(null);
                await save({ relayThirdPartyTokens: true, confirm: true }, 'Third-party tokens will be reported to their issuers');
              },
            },
          ]}
        >
          <p data-testid="relay-explanation">{confirmRelay.replace(/ Send confirm: true to turn it on\.$/, '')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function Channels() {
  const toast = useToast();
  const channels = useResource(() => channelsApi.list(), 'channels');
  const [type, setType] = useState<ChannelType>('webhook');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<ChannelEventName[]>(['exposure.detected', 'key.revoked']);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ channel: Channel; secret: string } | null>(null);
  const [log, setLog] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Channel | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await channelsApi.create({ type, url, events });
      setSecret({ channel: created, secret: created.secret });
      setUrl('');
      await channels.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const sendTest = async (channel: Channel) => {
    try {
      await channelsApi.test(channel.id);
      setLog(channel.id);
      toast('Test message queued');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const list = channels.data ?? [];

  return (
    <div className="card channels">
      <h3>Channels</h3>
      <p className="muted">
        Webhooks are signed with <code>X-Keyguard-Signature</code>; Slack channels get Slack messages. Failed deliveries are retried with backoff for 24 hours,
        in order per key.
      </p>
      {list.length === 0 ? (
        <EmptyState title="No channels yet">Add a webhook or a Slack incoming-webhook URL below.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Type</th>
                <th>URL</th>
                <th>Events</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id} className="channel-row">
                  <td data-label="Type">{c.type === 'slack' ? 'Slack' : 'Webhook'}</td>
                  <td data-label="URL" className="channel-url">
                    {c.url}
                  </td>
                  <td data-label="Events">{c.events.map((e) => eventLabels[e] ?? e).join(', ')}</td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => void sendTest(c)}>
                      Send test
                    </button>
                    <button type="button" className="btn btn-small" aria-expanded={log === c.id} onClick={() => setLog(log === c.id ? null : c.id)}>
                      Deliveries
                    </button>
                    <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setRemoving(c)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log && <DeliveryLog channelId={log} />}
      <form className="channel-form" onSubmit={add} aria-label="Add a channel">
        <h4>Add a channel</h4>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <label htmlFor="channel-type" className="field-label">
          Type
        </label>
        <select id="channel-type" className="select" value={type} onChange={(e) => setType(e.target.value as ChannelType)}>
          <option value="webhook">Webhook (signed JSON)</option>
          <option value="slack">Slack incoming webhook</option>
        </select>
        <label htmlFor="channel-url" className="field-label">
          URL
        </label>
        <input
          id="channel-url"
          className="input"
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://hooks.example.com/keyguard"
        />
        <fieldset className="channel-events">
          <legend className="field-label">Events</legend>
          {channelEvents.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) => setEvents((list) => (e.target.checked ? [...list, name] : list.filter((x) => x !== name)))}
              />
              {eventLabels[name]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={events.length === 0 || !url}>
          Add channel
        </button>
      </form>
      {secret && (
        <ConfirmDialog
          title="Channel added: copy its signing secret"
          onClose={() => setSecret(null)}
          actions={[{ label: 'Done', variant: 'primary', onClick: () => setSecret(null) }]}
        >
          <p>Receivers verify each request with this secret. It is shown only now; Keyguard keeps it encrypted.</p>
          <code className="secret" data-testid="channel-secret">
            {secret.secret}
          </code>
        </ConfirmDialog>
      )}
      {removing && (
        <ConfirmDialog
          title="Delete this channel?"
          onClose={() => setRemoving(null)}
          actions={[
            {
              label: 'Delete channel',
              variant: 'danger',
              onClick: async () => {
                await channelsApi.remove(removing.id);
                if (log === removing.id) setLog(null);
                setRemoving(null);
                toast('Channel deleted');
                await channels.reload();
              },
            },
          ]}
        >
          <p>{removing.url} stops receiving events; its delivery log is deleted too.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function DeliveryLog({ channelId }: { channelId: string }) {
  const deliveries = useResource(() => channelsApi.deliveries(channelId), `deliveries-${channelId}`, 2000);
  const items = deliveries.data ?? [];
  return (
    <section className="delivery-log" aria-label="Delivery log">
      <h4>Delivery log</h4>
      {items.length === 0 ? (
        <EmptyState title="No deliveries yet" />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last error</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} className="delivery-row">
                <td data-label="Event">{d.event}</td>
                <td data-label="Status">
                  <Tag tone={statusTone[d.status]}>{d.status}</Tag>
                  {d.status === 'pending' && d.nextAttemptAt ? <span className="muted"> next try {formatDateTime(d.nextAttemptAt)}</span> : null}
                </td>
                <td data-label="Attempts">{d.attempts}</td>
                <td data-label="Last error">{d.lastError ?? '—'}</td>
                <td data-label="Created">{formatDateTime(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
