import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

/**
 * The cluster deployment (infra/k8s) checked without a cluster: every object against the
 * Kubernetes API's JSON schemas (kubernetes-models: the OpenAPI schemas compiled to
 * validators), then what Keyguard needs of it — every service deployed with replicas,
 * readiness on /readyz and liveness on /healthz, resources, a PodDisruptionBudget, its own
 * Secret, and every setting its config schema requires.
 */
const root = new URL('../..', import.meta.url).pathname;
const k8sDir = join(root, 'infra/k8s');
type Obj = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [k: string]: unknown };
type Container = {
  command: string[];
  ports: { name: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
};
type DeploymentObj = Obj & {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
  };
};

const models: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const files = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const objects: Obj[] = files.flatMap((f) =>
  parseAllDocuments(readFileSync(join(k8sDir, f), 'utf8')).map((d) => {
    if (d.errors.length > 0) throw new Error(`${f}: ${d.errors[0]!.message}`);
    return d.toJS() as Obj;
  }),
);
const byKind = <T extends Obj>(kind: string) => objects.filter((o) => o.kind === kind) as T[];
const services = readdirSync(join(root, 'services'))
  .map((name) => ({ name, pkg: JSON.parse(readFileSync(join(root, 'services', name, 'package.json'), 'utf8')) as { keyguard?: { port?: number } } }))
  .filter((s) => s.pkg.keyguard?.port)
  .map((s) => ({ name: s.name, port: s.pkg.keyguard!.port! }));

/** The settings a service's config schema requires (no default): parsing nothing names them. */
async function requiredSettings(service: string): Promise<string[]> {
  const module = `../../services/${service}/src/config.js`;
  const { Config } = (await import(/* @vite-ignore */ module)) as { Config: z.ZodType };
  const result = Config.safeParse({});
  return result.success ? [] : [...new Set(result.error.issues.map((i) => String(i.path[0])))];
}

describe('infra/k8s', () => {
  it('is valid against the Kubernetes API schemas, and kustomization.yaml lists every file', () => {
    expect(objects.length).toBeGreaterThan(20);
    for (const o of objects) {
      const Model = models[`${o.apiVersion}/${o.kind}`];
      expect(Model, `${o.apiVersion} ${o.kind} ${o.metadata?.name}: no schema`).toBeDefined();
      expect(() => new Model!(o as never).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
    }
    const kustomization = parseAllDocuments(readFileSync(join(k8sDir, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  it('rejects what the schemas forbid (the validator is not a no-op)', () => {
    const deployment = structuredClone(byKind<DeploymentObj>('Deployment')[0]!);
    (deployment.spec as { replicas: unknown }).replicas = 'three';
    expect(() => new Deployment(deployment as never).validate()).toThrow(/replicas/);
  });

  for (const service of services) {
    it(`deploys ${service.name}: replicas, probes on /readyz and /healthz, resources, a disruption budget, its own Secret, every required setting`, async () => {
      const deployments = byKind<DeploymentObj>('Deployment').filter((d) =>
        d.spec.template.spec.containers[0]!.command.includes(`services/${service.name}/dist/main.js`),
      );
      expect(deployments.length, 'a Deployment running it').toBeGreaterThan(0);
      const secret = byKind<Obj & { stringData: Record<string, string> }>('Secret').find((s) => s.metadata.name === service.name);
      expect(secret, `a Secret named ${service.name}`).toBeDefined();
      const config = byKind<Obj & { data: Record<string, string> }>('ConfigMap').find((c) => c.metadata.name === 'keyguard-config')!;
      for (const d of deployments) {
        const c = d.spec.template.spec.containers[0]!;
        expect(d.spec.replicas, `${d.metadata.name} replicas`).toBeGreaterThanOrEqual(2);
        const portNamed = (name: string | number | undefined) => c.ports.find((p) => p.name === name)?.containerPort;
        expect(portNamed('http')).toBe(service.port);
        // /readyz is served on the operations port only (METRICS_PORT, default PORT + 1100).
        expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
        expect(portNamed(c.readinessProbe?.httpGet?.port)).toBe(service.port + 1100);
        expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
        expect(portNamed(c.livenessProbe?.httpGet?.port)).toBe(service.port);
        expect(c.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
        expect(c.resources?.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
        expect(c.envFrom?.map((e) => e.secretRef?.name).filter(Boolean)).toEqual([service.name]);
        const budget = byKind<Obj & { spec: { selector: { matchLabels: Record<string, string> } } }>('PodDisruptionBudget').find((p) =>
          Object.entries(p.spec.selector.matchLabels).every(([k, v]) => d.spec.template.metadata.labels[k] === v),
        );
        expect(budget, `a PodDisruptionBudget selecting ${d.metadata.name}`).toBeDefined();
        expect(d.spec.selector.matchLabels).toEqual(budget!.spec.selector.matchLabels);
        const provided = new Set([...Object.keys(config.data), ...Object.keys(secret!.stringData), ...(c.env ?? []).map((e) => e.name)]);
        for (const setting of await requiredSettings(service.name)) expect(provided, `${d.metadata.name} gets ${setting}`).toContain(setting);
      }
    });
  }
});
