import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/*
 * No container engine runs here, so the deployment files are checked for what can be checked: they parse,
 * every process runs the entry point `npm start` runs, has its probes wired to its health and readiness
 * endpoints, resource requests and an autoscaler; only the gateway and sibling subgraphs reach subgraphs.
 */

const root = resolve(__dirname, '../..');
const { SUBGRAPHS, processEntry } = require('../../dist/common/topology') as typeof import('../../common/topology');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

type Doc = { kind: string; metadata: { name: string }; spec: any };
const manifests: Doc[] = readdirSync(resolve(root, 'deploy/k8s'))
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .flatMap((f) =>
    parseAllDocuments(read(`deploy/k8s/${f}`)).map((d) => {
      expect([f, d.errors]).toEqual([f, []]);
      return d.toJS() as Doc;
    }),
  );
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const processes = [
  ...SUBGRAPHS.map((s) => ({ name: s.name, port: s.defaultPort, live: '/health', ready: '/ready' })),
  { name: 'gateway', port: 4000, live: '/healthcheck', ready: '/readiness' },
] as const;

describe('deployment files', () => {
  it('build one image in stages that runs as a non-root user, the gateway by default', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/^USER node$/m);
    expect(final).toContain(`CMD ["node", "dist/${processEntry('gateway')}"]`);
    expect(final).toContain('COPY schema schema'); // the supergraph and the partner contract's documents
  });

  it('give every process a Deployment running its npm start entry point, with probes, resources and an autoscaler', () => {
    for (const p of processes) {
      const deployment = find('Deployment', p.name);
      expect([p.name, !!deployment]).toEqual([p.name, true]);
      const [container] = deployment!.spec.template.spec.containers;
      const entry = processEntry(p.name as never);
      expect(container.command).toEqual(['node', `dist/${entry}`]);
      expect(existsSync(resolve(root, 'dist', entry))).toBe(true);
      expect(container.ports).toEqual([{ name: 'http', containerPort: p.port }]);
      expect(container.livenessProbe.httpGet).toEqual({ path: p.live, port: p.port });
      expect(container.readinessProbe.httpGet).toEqual({ path: p.ready, port: p.port });
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(deployment!.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      expect(deployment!.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(15 + 5); // grace + preStop
      expect(find('Service', p.name)?.spec.ports[0].port).toBe(p.port);
      expect(find('HorizontalPodAutoscaler', p.name)?.spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: p.name,
      });
      expect(deployment!.spec.template.metadata.labels['prakerja/tier']).toBe(p.name === 'gateway' ? 'gateway' : 'subgraph');
    }
  });

  it('let only the gateway and sibling subgraphs reach a subgraph, and migrate once in a Job with the owners’ secret', () => {
    const policy = find('NetworkPolicy', 'subgraphs-from-gateway-only')!;
    expect(policy.spec.podSelector).toEqual({ matchLabels: { 'prakerja/tier': 'subgraph' } });
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.ingress).toEqual([
      {
        from: [
          { podSelector: { matchLabels: { 'prakerja/tier': 'gateway' } } },
          { podSelector: { matchLabels: { 'prakerja/tier': 'subgraph' } } },
        ],
      },
    ]);
    const job = find('Job', 'migrations')!;
    const [container] = job.spec.template.spec.containers;
    expect(container.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(existsSync(resolve(root, 'dist/scripts/migrate.js'))).toBe(true);
    expect(JSON.stringify(container.envFrom)).toContain('prakerja-migration-secrets');
    // Serving pods never get the owners' connections.
    for (const p of processes) expect(JSON.stringify(find('Deployment', p.name))).not.toContain('migration');
    const kustomization = parse(read('deploy/k8s/kustomization.yaml'));
    expect([...kustomization.resources].sort()).toEqual(
      readdirSync(resolve(root, 'deploy/k8s'))
        .filter((f) => f !== 'kustomization.yaml')
        .sort(),
    );
  });

  it('let Prometheus scrape every process on its metrics port, which no Service exposes and only monitoring reaches on a subgraph', () => {
    const config = find('ConfigMap', 'prakerja-config')!;
    for (const p of processes) {
      const port = (config as unknown as { data: Record<string, string> }).data[`${p.name.toUpperCase()}_METRICS_PORT`];
      expect([p.name, port]).toEqual([p.name, '9464']);
      const annotations = find('Deployment', p.name)!.spec.template.metadata.annotations;
      expect(annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': port, 'prometheus.io/path': '/metrics' });
      expect(find('Service', p.name)!.spec.ports.map((q: { port: number }) => q.port)).toEqual([p.port]);
    }
    const metricsPolicy = find('NetworkPolicy', 'subgraph-metrics-from-monitoring')!;
    expect(metricsPolicy.spec.podSelector).toEqual({ matchLabels: { 'prakerja/tier': 'subgraph' } });
    expect(metricsPolicy.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ protocol: 'TCP', port: 9464 }],
      },
    ]);
  });

  it('compose the same processes, subgraphs on the internal network only', () => {
    const compose = parse(read('deploy/compose.yaml'), { merge: true });
    for (const p of processes) {
      const service = compose.services[p.name];
      expect(service.command).toEqual(['node', `dist/${processEntry(p.name as never)}`]);
      expect(service.networks).toEqual(p.name === 'gateway' ? ['internal', 'public'] : ['internal']);
    }
    expect(compose.networks.internal).toEqual({ internal: true });
    expect(compose.services.gateway.ports).toEqual(['4000:4000']);
    expect(compose.services.migrations.command).toEqual(['node', 'dist/scripts/migrate.js']);
    for (const name of SUBGRAPHS.map((s) => s.name)) expect(JSON.stringify(compose.services[name].environment)).not.toContain('MIGRATION');
  });
});
