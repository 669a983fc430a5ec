/**
 * dist/ is what the tests run, so it must be built from the sources as they are. `npm run build` writes
 * dist/.build-stamp, a hash of everything tsc compiles; the integration tests' global setup compares it with
 * the sources and rebuilds when they differ (an edit followed by `npx jest` would otherwise test the old build).
 * A content hash rather than mtimes: a checkout or rebase touches files without changing them.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const STAMP = join(root, 'dist', '.build-stamp');
/** tsconfig.json's `include`, plus the config itself. */
const INPUTS = ['common', 'gateway', 'subgraphs', 'scripts', 'seed', 'bench'];

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** Hash of the compiler's inputs: file names and contents. */
function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [join(root, 'tsconfig.json'), ...INPUTS.flatMap((dir) => [...filesUnder(join(root, dir))])]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const builtHash = () => (existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : null);

/** Runs tsc; on success records the hash taken before it ran (an edit during the build then counts as stale). */
function build() {
  const hash = sourceHash();
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) return tsc.status ?? 1;
  writeFileSync(STAMP, `${hash}\n`);
  return 0;
}

module.exports = { sourceHash, builtHash, build };

// `npm run build` is `node tools/build-stamp.cjs build`.
if (require.main === module && process.argv[2] === 'build') process.exitCode = build();
