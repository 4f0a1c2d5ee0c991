import type { Insights, InsightSource } from '@keyguard/contract';
import { type ReactNode, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api';
import { EmptyState, ResourceView } from '../components';
import { formatDate } from '../format';
import { hashParams, useResource } from '../hooks';
import {
  ageLabels,
  ageRange,
  exposureDays,
  findingsLink,
  formatDuration,
  insightSourceLabels,
  insightSources,
  lastDays,
  type Range,
  rangeFrom,
} from '../overview-model';

/** Series colours: CSS variables, so light and dark each get theirs (styles.css). */
const colour: Record<InsightSource, string> = {
  github: 'var(--chart-github)',
  gitlab: 'var(--chart-gitlab)',
  postman: 'var(--chart-postman)',
  partner: 'var(--chart-partner)',
};
const axis = { stroke: 'var(--muted)', tick: { fill: 'var(--text)', fontSize: 12 } };
const tooltipStyle = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' },
  cursor: { fill: 'var(--subtle)' },
};
const go = (link: string) => {
  window.location.hash = link;
};
const n = (v: number) => v.toLocaleString('en-US');
/** Bars grow in, unless the system asks for less motion. */
const animate = () => !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The admins' landing page: GET /insights as charts. Every chart can be used from the keyboard
 * (recharts' accessibility layer: Tab to it, arrows move through the data), says what it shows
 * in its title, links to the findings behind it, and opens as a table.
 */
export function OverviewPage() {
  const [range, setRangeState] = useState<Range>(() => rangeFrom(hashParams()));
  const setRange = (next: Range) => {
    setRangeState(next);
    // The range stays in the address: a reload or a shared link shows the same numbers.
    window.history.replaceState(null, '', `#/overview?from=${next.from}&to=${next.to}`);
  };
  const insights = useResource(() => api.insights(range), `${range.from}|${range.to}`, 60_000);

  return (
    <section aria-labelledby="overview-title">
      <div className="page-header">
        <div>
          <h1 id="overview-title">Overview</h1>
          <p className="muted">How many secrets leaked and where, how fast they were closed, and what is still open — for findings first seen in the range.</p>
        </div>
      </div>
      <RangePicker range={range} onChange={setRange} />
      <ResourceView resource={insights} loading="Loading insights…">
        {insights.data && <Charts insights={insights.data} />}
      </ResourceView>
    </section>
  );
}

function RangePicker({ range, onChange }: { range: Range; onChange: (r: Range) => void }) {
  const [draft, setDraft] = useState(range);
  const invalid = !draft.from || !draft.to || draft.from > draft.to;
  return (
    <form
      className="range-picker"
      aria-label="Date range"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) onChange(draft);
      }}
    >
      <label className="select-label">
        From
        <input className="input" type="date" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </label>
      <label className="select-label">
        To
        <input className="input" type="date" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </label>
      <button type="submit" className="btn btn-primary" disabled={invalid}>
        Show
      </button>
      {[7, 30, 90].map((days) => (
        <button
          key={days}
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            const r = lastDays(days);
            setDraft(r);
            onChange(r);
          }}
        >
          Last {days} days
        </button>
      ))}
      <span className="muted" aria-live="polite">
        {formatDate(range.from)} – {formatDate(range.to)}
      </span>
    </form>
  );
}

function Charts({ insights }: { insights: Insights }) {
  const { from, to } = insights;
  const revoked = insights.outcomes.autoRevoked + insights.outcomes.manuallyRevoked;
  const open = Object.values(insights.openByAge).reduce((a, b) => a + b, 0);
  return (
    <>
      <div className="stat-row">
        <Stat value={n(insights.exposures.total)} label="Secrets exposed" href={findingsLink({ from, to })} />
        <Stat
          value={formatDuration(insights.detectionToRevocation.overall.p90)}
          label="Detection → revoked, p90"
          href={findingsLink({ status: 'resolved', resolution: 'revoked', from, to })}
        />
        <Stat value={n(revoked)} label="Keys revoked" href={findingsLink({ status: 'resolved', resolution: 'revoked', from, to })} />
        <Stat value={n(insights.usedAfterExposure)} label="Used after exposure" href="#/exposed" />
        <Stat value={n(open)} label="Open now" href={findingsLink({ status: 'open' })} />
      </div>
      {insights.exposures.total === 0 && open === 0 ? (
        <EmptyState title="No exposures in this range">Pick a longer range, or wait: exposures appear here as soon as Keyguard detects them.</EmptyState>
      ) : (
        <div className="charts">
          <ExposuresByDay insights={insights} />
          <ExposuresBySource insights={insights} />
          <TimeToRevoke insights={insights} from="detectionToRevocation" />
          <TimeToRevoke insights={insights} from="appearanceToRevocation" />
          <Outcomes insights={insights} />
          <OpenByAge insights={insights} />
        </div>
      )}
    </>
  );
}

function Stat({ value, label, href }: { value: string; label: string; href: string }) {
  return (
    <a className="stat" href={href}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </a>
  );
}

/** One chart: its heading, the chart, links to the lists behind it, and the same numbers as a table. */
function ChartCard({
  id,
  title,
  summary,
  chart,
  links,
  table,
}: {
  id: string;
  title: string;
  summary: string;
  chart: ReactNode;
  links: Array<{ label: string; href: string }>;
  /** Each row: its label (a link to the findings behind it, when there is one) and the numbers. */
  table: { head: string[]; rows: Array<{ key: string; label: string; href?: string; cells: string[] }> };
}) {
  return (
    <figure className="chart-card" aria-labelledby={`${id}-title`} data-chart={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted">{summary}</p>
      <div className="chart-box">{chart}</div>
      <ul className="chart-links" aria-label={`${title}: findings`}>
        {links.map((l) => (
          <li key={l.label}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
      <details>
        <summary>Show as table</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {table.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.href ? <a href={r.href}>{r.label}</a> : r.label}</th>
                  {r.cells.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <td key={i}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function ExposuresByDay({ insights }: { insights: Insights }) {
  const days = exposureDays(insights);
  const { from, to } = insights;
  return (
    <ChartCard
      id="by-day"
      title="Exposures by day"
      summary={`${n(insights.exposures.total)} secrets first seen between ${formatDate(from)} and ${formatDate(to)}, by source.`}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} title="Exposures by day and source" accessibilityLayer>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="day" {...axis} tickFormatter={(d: string) => d.slice(5)} minTickGap={12} />
            <YAxis allowDecimals={false} {...axis} width={36} />
            <Tooltip {...tooltipStyle} />
            <Legend />
            {insightSources.map((s) => (
              <Bar
                key={s}
                dataKey={s}
                name={insightSourceLabels[s]}
                stackId="day"
                fill={colour[s]}
                cursor="pointer"
                isAnimationActive={animate()}
                onClick={(_, index) => {
                  const day = days[index]?.day;
                  if (day) go(findingsLink({ source: s, from: day, to: day }));
                }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      links={insightSources.map((s) => ({ label: `${insightSourceLabels[s]} findings`, href: findingsLink({ source: s, from, to }) }))}
      table={{
        head: ['Day', ...insightSources.map((s) => insightSourceLabels[s])],
        rows: days
          .filter((d) => insightSources.some((s) => d[s] > 0))
          .map((d) => ({ key: d.day, label: formatDate(d.day), href: findingsLink({ from: d.day, to: d.day }), cells: insightSources.map((s) => n(d[s])) })),
      }}
    />
  );
}

function ExposuresBySource({ insights }: { insights: Insights }) {
  const { from, to } = insights;
  const data = insightSources.map((s) => ({ source: s, label: insightSourceLabels[s], exposures: insights.exposures.bySource[s] }));
  return (
    <ChartCard
      id="by-source"
      title="Exposures by source"
      summary={data.map((d) => `${d.label} ${n(d.exposures)}`).join(', ')}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} title="Exposures by source" accessibilityLayer>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="label" {...axis} />
            <YAxis allowDecimals={false} {...axis} width={36} />
            <Tooltip {...tooltipStyle} />
            <Bar
              dataKey="exposures"
              name="Exposures"
              fill="var(--chart-github)"
              cursor="pointer"
              isAnimationActive={animate()}
              onClick={(_, i) => go(findingsLink({ source: data[i]!.source, from, to }))}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      links={data.map((d) => ({ label: `${d.label} findings`, href: findingsLink({ source: d.source, from, to }) }))}
      table={{
        head: ['Source', 'Exposures'],
        rows: data.map((d) => ({ key: d.source, label: d.label, href: findingsLink({ source: d.source, from, to }), cells: [n(d.exposures)] })),
      }}
    />
  );
}

const timeToRevoke = {
  detectionToRevocation: { id: 'time-to-revoke', title: 'Detection → revocation', what: 'Time from detection to revocation' },
  appearanceToRevocation: {
    id: 'appearance-to-revoke',
    title: 'First public appearance → revocation',
    what: "Time from the commit's or event's time to revocation",
  },
} as const;

function TimeToRevoke({ insights, from: start }: { insights: Insights; from: keyof typeof timeToRevoke }) {
  const { from, to } = insights;
  const { overall, bySource } = insights[start];
  const { id, title, what } = timeToRevoke[start];
  const data = insightSources.map((s) => ({ source: s, label: insightSourceLabels[s], ...bySource[s] }));
  // A log axis whose ticks are the histogram's bucket bounds, up to the largest percentile.
  const top = Math.max(60, ...data.map((d) => d.p99 ?? 0));
  const ticks = insights.latencyBucketsSeconds.filter((b) => b <= top);
  return (
    <ChartCard
      id={id}
      title={title}
      summary={`Overall p50 ${formatDuration(overall.p50)}, p90 ${formatDuration(overall.p90)}, p99 ${formatDuration(overall.p99)} over ${n(overall.count)} revoked keys (log scale; each value is its histogram bucket's upper bound).`}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} title={`${what}, by source`} accessibilityLayer>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="label" {...axis} />
            <YAxis scale="log" domain={[1, top]} ticks={ticks} {...axis} width={56} tickFormatter={(v: number) => formatDuration(v)} />
            <Tooltip {...tooltipStyle} formatter={(v) => formatDuration(typeof v === 'number' ? v : null)} />
            <Legend />
            {(['p50', 'p90', 'p99'] as const).map((p, i) => (
              <Bar
                key={p}
                dataKey={p}
                name={p}
                fill={colour[insightSources[i]!]}
                cursor="pointer"
                isAnimationActive={animate()}
                onClick={(_, index) => go(findingsLink({ status: 'resolved', resolution: 'revoked', source: data[index]!.source, from, to }))}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      links={data.map((d) => ({
        label: `Revoked · ${d.label}`,
        href: findingsLink({ status: 'resolved', resolution: 'revoked', source: d.source, from, to }),
      }))}
      table={{
        head: ['Source', 'Revoked', 'p50', 'p90', 'p99'],
        rows: [
          ...data.map((d) => ({
            key: d.source,
            label: d.label,
            href: findingsLink({ status: 'resolved', resolution: 'revoked', source: d.source, from, to }),
            cells: [n(d.count), formatDuration(d.p50), formatDuration(d.p90), formatDuration(d.p99)],
          })),
          {
            key: 'all',
            label: 'All sources',
            cells: [n(overall.count), formatDuration(overall.p50), formatDuration(overall.p90), formatDuration(overall.p99)],
          },
        ],
      }}
    />
  );
}

function Outcomes({ insights }: { insights: Insights }) {
  const { from, to } = insights;
  const revokedLink = findingsLink({ status: 'resolved', resolution: 'revoked', from, to });
  const data = [
    { label: 'Auto-revoked', value: insights.outcomes.autoRevoked, href: revokedLink },
    { label: 'Revoked by a person', value: insights.outcomes.manuallyRevoked, href: revokedLink },
    { label: 'Ignored', value: insights.outcomes.ignored, href: findingsLink({ status: 'resolved', resolution: 'ignored', from, to }) },
    { label: 'Used after exposure', value: insights.usedAfterExposure, href: '#/exposed' },
  ];
  return (
    <ChartCard
      id="outcomes"
      title="How findings were closed"
      summary={data.map((d) => `${d.label} ${n(d.value)}`).join(', ')}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" title="How findings were closed" accessibilityLayer>
            <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
            <XAxis type="number" allowDecimals={false} {...axis} />
            <YAxis type="category" dataKey="label" {...axis} width={140} />
            <Tooltip {...tooltipStyle} />
            <Bar
              dataKey="value"
              name="Findings"
              fill="var(--chart-postman)"
              cursor="pointer"
              isAnimationActive={animate()}
              onClick={(_, i) => go(data[i]!.href)}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      links={[
        { label: 'Revoked findings', href: revokedLink },
        { label: 'Ignored findings', href: findingsLink({ status: 'resolved', resolution: 'ignored', from, to }) },
        { label: 'Exposed keys', href: '#/exposed' },
      ]}
      table={{ head: ['Outcome', 'Findings'], rows: data.map((d) => ({ key: d.label, label: d.label, href: d.href, cells: [n(d.value)] })) }}
    />
  );
}

function OpenByAge({ insights }: { insights: Insights }) {
  const buckets = (Object.keys(ageLabels) as Array<keyof Insights['openByAge']>).map((b) => ({
    label: ageLabels[b],
    value: insights.openByAge[b],
    href: findingsLink({ status: 'open', ...ageRange(b) }),
  }));
  return (
    <ChartCard
      id="open-by-age"
      title="Open findings by age"
      summary={`Open now, whatever the range: ${buckets.map((b) => `${b.label.toLowerCase()} ${n(b.value)}`).join(', ')}.`}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={buckets} title="Open findings by age" accessibilityLayer>
            <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="label" {...axis} />
            <YAxis allowDecimals={false} {...axis} width={36} />
            <Tooltip {...tooltipStyle} />
            <Bar
              dataKey="value"
              name="Open findings"
              fill="var(--chart-gitlab)"
              cursor="pointer"
              isAnimationActive={animate()}
              onClick={(_, i) => go(buckets[i]!.href)}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      links={buckets.map((b) => ({ label: `Open · ${b.label.toLowerCase()}`, href: b.href }))}
      table={{ head: ['Age', 'Open findings'], rows: buckets.map((b) => ({ key: b.label, label: b.label, href: b.href, cells: [n(b.value)] })) }}
    />
  );
}
