import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
const monitoring = join(root, 'infra/monitoring');

/** Every PromQL error node (the lezer tree marks what it could not parse with the ⚠ node). */
function promqlErrors(expr: string): string[] {
  // Grafana's variables are substituted before Prometheus sees the query.
  const query = expr.replaceAll('$__rate_interval', '5m');
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`${query.slice(0, node.from)}⟦here⟧${query.slice(node.from)}`);
    },
  });
  return errors;
}

/** The metric names the code defines (prom-client `name:` strings under packages/ and services/). */
function metricsInCode(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'test') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) for (const [, name] of readFileSync(path, 'utf8').matchAll(/name: '(keyguard_[a-z_]+)'/g)) names.add(name!);
    }
  };
  walk(join(root, 'packages'));
  walk(join(root, 'services'));
  return names;
}

const known = metricsInCode();
/** keyguard_* names in an expression exist in the code (a histogram's _bucket/_count/_sum too). */
const unknownMetrics = (expr: string) =>
  [...expr.matchAll(/\b(keyguard_[a-z_]+)/g)].map(([, n]) => n!).filter((n) => !known.has(n) && !known.has(n.replace(/_(bucket|count|sum)$/, '')));

describe('infra/monitoring', () => {
  it('alerting rules: valid YAML, every expr parses as PromQL and names only metrics we export', () => {
    const rules = parse(readFileSync(join(monitoring, 'alerts.yml'), 'utf8')) as {
      groups: Array<{ name: string; rules: Array<{ alert: string; expr: string; for?: string }> }>;
    };
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['KeyguardSlowTimeToRevoke', 'KeyguardSlowDetection', 'KeyguardDlqGrowing', 'KeyguardConsumerLag', 'KeyguardServiceDown']),
    );
    for (const rule of all) {
      expect(promqlErrors(rule.expr), rule.alert).toEqual([]);
      expect(unknownMetrics(rule.expr), rule.alert).toEqual([]);
      if (rule.for) expect(rule.for).toMatch(/^\d+[smh]$/);
    }
  });

  it('Grafana dashboard: panels with ids, positions and queries that parse and name metrics we export', () => {
    const dashboard = JSON.parse(readFileSync(join(monitoring, 'grafana-dashboard.json'), 'utf8'));
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.panels.length).toBeGreaterThan(0);
    const ids = new Set<number>();
    for (const panel of dashboard.panels) {
      expect(ids.has(panel.id), `panel id ${panel.id} repeated`).toBe(false);
      ids.add(panel.id);
      expect(panel.gridPos).toEqual({ h: expect.any(Number), w: expect.any(Number), x: expect.any(Number), y: expect.any(Number) });
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) {
        expect(promqlErrors(target.expr), panel.title).toEqual([]);
        expect(unknownMetrics(target.expr), panel.title).toEqual([]);
      }
    }
    // The two histograms are on the dashboard.
    const queries = dashboard.panels.flatMap((p: { targets: Array<{ expr: string }> }) => p.targets.map((t) => t.expr)).join('\n');
    for (const name of ['keyguard_exposure_to_revocation_seconds', 'keyguard_detection_latency_seconds', 'keyguard_ingest_events_total'])
      expect(queries).toContain(name);
  });

  it('the PromQL check catches a broken query', () => {
    expect(promqlErrors('sum(rate(x[5m])')).not.toEqual([]);
    expect(unknownMetrics('rate(keyguard_no_such_metric_total[5m])')).toEqual(['keyguard_no_such_metric_total']);
  });
});
