// `npm run bench`: the performance targets of create-connector and connector-lint, measured side by
// side in one run with public tools only (this Node script timing whole child processes; each Node
// child reports its own peak RSS through a preload). Runs alternate with their reference; medians
// are reported with min–max. The programs run as users get them: packed, then installed.
//
// Node children run without NODE_EXTRA_CA_CERTS: Node 20 reads that file at every start (about
// 80 ms here), which is this machine's setting, not the programs' work, and would hide their
// differences. Where it is set, the start-up rows are measured again with it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/run.js';
import { CLAUDE_AI, CLAUDE_COM, publicClient, startTestIdp } from '../helpers/idp/test-idp.js';
import { startEraServer } from '../helpers/mcp/test-mcp-eras.js';

interface Sample {
  ms: number;
  rssKiB: number;
}

const RSS_PRELOAD = join(ROOT, 'test/bench/rss.mjs');

// Every scratch folder lives under one root that goes away however the run ends, so an interrupted
// bench leaves no scaffolded projects behind.
const SCRATCH = mkdtempSync(join(tmpdir(), 'connector-bench-'));
process.on('exit', () => rmSync(SCRATCH, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** `node …` with the RSS-reporting preload. */
function withRss(cmd: string[]): string[] {
  return cmd[0] === 'node' ? ['node', '--import', RSS_PRELOAD, ...cmd.slice(1)] : cmd;
}

function peakRss(stderr: string): number {
  return Number(/MAXRSS_KIB (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
}

const WITHOUT_CA: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '', NODE_EXTRA_CA_CERTS: undefined };
/** The environments start-up is measured in: without NODE_EXTRA_CA_CERTS, then with it where this machine sets it. */
const STARTUP_ENVS = [
  { label: '', env: WITHOUT_CA },
  ...(process.env.NODE_EXTRA_CA_CERTS ? [{ label: ', NODE_EXTRA_CA_CERTS set', env: { ...process.env, NO_COLOR: '1', CI: '' } }] : []),
];

/** Runs a command once; returns wall time and peak RSS. */
function once(cmd: string[], cwd = ROOT, env = WITHOUT_CA): Sample {
  const [file, ...args] = withRss(cmd) as [string, ...string[]];
  const started = performance.now();
  const result = spawnSync(file, args, { cwd, encoding: 'utf8', env });
  return { ms: performance.now() - started, rssKiB: peakRss(result.stderr) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const span = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

/** Alternates A and B `runs` times in `cwd`; returns both samples and the per-pair ratios B/A. */
function paired(a: () => string[], b: () => string[], runs: number, cwd = ROOT, env = WITHOUT_CA) {
  const as: Sample[] = [];
  const bs: Sample[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const x = once(a(), cwd, env);
    const y = once(b(), cwd, env);
    if (i < 2) continue; // warm-up
    as.push(x);
    bs.push(y);
    ratios.push(y.ms / x.ms);
  }
  return { a: as, b: bs, ratios };
}

interface Row {
  measure: string;
  ours: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean;
}
const rows: Row[] = [];
const ms = (samples: Sample[]) => `${median(samples.map((s) => s.ms)).toFixed(0)} ms (${span(samples.map((s) => s.ms))})`;

// The package as users get it: from a source checkout create-connector would also pack itself into
// every project (see self-package.ts), which an installed copy never does.
const packDir = mkdtempSync(join(SCRATCH, 'pack-'));
const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' });
const tarball = join(packDir, packed.stdout.trim().split('\n').at(-1) as string);
/** An empty project for `npm install` (which keeps this machine's environment: the registry may need its certificates). */
const project = () => {
  const dir = mkdtempSync(join(SCRATCH, 'install-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"bench","version":"1.0.0","private":true}');
  return dir;
};
const installed = project();
spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent', tarball], { cwd: installed });
const bin = (name: string) => join(installed, 'node_modules/create-connector/bin', `${name}.js`);
const CREATE_VITE = join(ROOT, 'node_modules/create-vite/index.js');

for (const { label, env } of STARTUP_ENVS) {
  // 1. --help start-up against create-vite's.
  for (const name of ['create-connector', 'connector-lint']) {
    const r = paired(() => ['node', CREATE_VITE, '--help'], () => ['node', bin(name), '--help'], 20, ROOT, env);
    const ratio = median(r.ratios);
    rows.push({ measure: `${name} --help${label}`, ours: ms(r.b), reference: `create-vite --help: ${ms(r.a)}`, ratio: `${ratio.toFixed(2)}×`, target: '≤ 1.0× create-vite --help', met: ratio <= 1.0 });
  }

  // 2. Scaffolding the oauth template against create-vite's vanilla-ts, each into a fresh folder.
  const scratch = mkdtempSync(join(SCRATCH, 'scaffold-'));
  let n = 0;
  const r = paired(
    // create-vite takes its target relative to the working directory (an absolute path lands under
    // cwd), so both scaffolders run inside the scratch folder with relative names.
    () => ['node', CREATE_VITE, `vite-${n}`, '--template', 'vanilla-ts', '--no-interactive'],
    () => ['node', bin('create-connector'), `conn-${n++}`, '--template', 'oauth', '--yes', '--no-install', '--no-git'],
    20,
    scratch,
    env,
  );
  const ratio = median(r.ratios);
  rows.push({ measure: `scaffold oauth (--yes --no-install --no-git)${label}`, ours: ms(r.b), reference: `create-vite vanilla-ts: ${ms(r.a)}`, ratio: `${ratio.toFixed(2)}×`, target: '≤ 1.0× create-vite', met: ratio <= 1.0 });
  if (label === '') {
    const rss = median(r.b.map((s) => s.rssKiB)) / 1024;
    rows.push({ measure: 'create-connector peak RSS', ours: `${rss.toFixed(1)} MiB`, reference: '', ratio: '', target: '≤ 60 MiB', met: rss <= 60 });
  }
  rmSync(scratch, { recursive: true, force: true });
}

// 3. Installing the packed package against installing create-vite, into empty projects.
{
  const installs = { ours: [] as number[], vite: [] as number[] };
  let packages = 0;
  for (let i = 0; i < 4; i++) {
    for (const which of ['ours', 'vite'] as const) {
      const dir = project();
      const started = performance.now();
      spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent', which === 'ours' ? tarball : 'create-vite@9.3.0'], { cwd: dir });
      const elapsed = performance.now() - started;
      if (i > 0) installs[which].push(elapsed);
      if (which === 'ours') packages = readdirSync(join(dir, 'node_modules')).filter((e) => !e.startsWith('.')).length;
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const ratio = median(installs.ours) / median(installs.vite);
  rows.push({ measure: 'npm install <tarball>', ours: `${median(installs.ours).toFixed(0)} ms, ${packages} package(s)`, reference: `create-vite: ${median(installs.vite).toFixed(0)} ms`, ratio: `${ratio.toFixed(2)}×`, target: '≤ 3 packages, ≤ 1.0× create-vite', met: packages <= 3 && ratio <= 1.0 });
}

// 4. A full lint of a dual-era oauth server with 100 ms added to every request, against its
//    critical path: initialize → PRM → AS metadata → the controls (refused at once) → authorize →
//    login page → the controls again: 7 dependent requests. The callbacks go between two answers of
//    their controls, so that the order requests reach the IdP can never decide a verdict; the
//    2026-07-28 probe runs beside them.
{
  const LATENCY = 100;
  const idp = await startTestIdp({ clients: [publicClient('claude', [CLAUDE_AI, CLAUDE_COM])], latencyMs: LATENCY });
  const mcp = await startEraServer('v2-dual', { auth: { idp }, latencyMs: LATENCY });
  const args = () => ['node', join(ROOT, 'bin/connector-lint.js'), mcp.url, '--client-id', 'claude', '--format', 'json'];
  const samples: Sample[] = [];
  for (let i = 0; i < 7; i++) {
    const sample = await onceAsync(args());
    if (i > 0) samples.push(sample);
  }
  const critical = 7 * LATENCY;
  const wall = median(samples.map((s) => s.ms));
  rows.push({ measure: 'dual-era oauth lint, +100 ms per request', ours: ms(samples), reference: `critical path: ${critical} ms`, ratio: `${(wall / critical).toFixed(2)}×`, target: '≤ 1.2× critical path', met: wall <= critical * 1.2 });
  // The same process with no network to wait for: what start-up and judging cost on their own.
  const startup: Sample[] = [];
  for (let i = 0; i < 6; i++) {
    const sample = await onceAsync(['node', join(ROOT, 'bin/connector-lint.js'), '--issuer', 'http://127.0.0.1:9', '--format', 'json']);
    if (i > 0) startup.push(sample);
  }
  const probing = wall - median(startup.map((s) => s.ms));
  rows.push({
    measure: '… of which probing (wall − start-up)',
    ours: `${probing.toFixed(0)} ms`,
    reference: `start-up, no network: ${ms(startup)}`,
    ratio: `${(probing / critical).toFixed(2)}×`,
    target: '≤ 1.2× critical path',
    met: probing <= critical * 1.2,
  });
  const rss = median(samples.map((s) => s.rssKiB)) / 1024;
  rows.push({ measure: 'connector-lint peak RSS', ours: `${rss.toFixed(1)} MiB`, reference: '', ratio: '', target: '≤ 80 MiB', met: rss <= 80 });
  await mcp.close();
  await idp.close();
}

/** `once`, but without blocking the event loop, since the servers live in this process. */
async function onceAsync(cmd: string[]): Promise<Sample> {
  const { execa } = await import('execa');
  const [file, ...args] = withRss(cmd) as [string, ...string[]];
  const started = performance.now();
  const result = await execa(file, args, { reject: false, env: WITHOUT_CA, extendEnv: false });
  return { ms: performance.now() - started, rssKiB: peakRss(result.stderr) };
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const ca = process.env.NODE_EXTRA_CA_CERTS ? 'NODE_EXTRA_CA_CERTS set here: unset for every Node child, set again for the rows that say so' : 'NODE_EXTRA_CA_CERTS not set';
process.stdout.write(`\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version} (${ca})\n\n`);
process.stdout.write('| measure | ours (median, min–max) | reference | ratio | target | met |\n|---|---|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.measure} | ${r.ours} | ${r.reference} | ${r.ratio} | ${r.target} | ${r.met ? 'yes' : 'no'} |\n`);
