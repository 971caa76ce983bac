// Generates a realistic git history with `git fast-import`: many authors, several files
// touched per commit, a merged side branch every ten commits. Used by the bench and by tests
// that need more history than a few hand-made commits.
import { spawn } from 'node:child_process';

/**
 * A small deterministic pseudo-random generator (mulberry32).
 * @param {number} seed
 * @returns {() => number} numbers in [0, 1)
 */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The fast-import stream of a history of `commits` commits on `main`.
 * @param {{ commits: number, authors?: number, files?: number, start?: number, seed?: number }} options
 * @returns {string}
 */
export function syntheticHistory({ commits, authors = 200, files = 400, start = Date.UTC(2015, 0, 1) / 1000, seed = 1 }) {
  const rand = random(seed);
  const out = [];
  let mark = 0;
  let mainMark = 0;
  let sideMark = 0;
  let time = start;
  const person = () => {
    const n = Math.floor(rand() * rand() * authors);
    return `Dev ${n} <dev${n}@example${n % 7}.org>`;
  };
  const content = (i) => {
    const lines = [];
    const count = 5 + Math.floor(rand() * 40);
    for (let l = 0; l < count; l++) lines.push(`line ${l} of change ${i} ${rand().toString(36).slice(2, 8)}`);
    return `${lines.join('\n')}\n`;
  };
  const commit = (branch, parents, i, message) => {
    mark++;
    time += 60 + Math.floor(rand() * 7200);
    const who = person();
    const tz = ['+0000', '+0100', '-0500', '+0530', '-0800', '+0900'][Math.floor(rand() * 6)];
    out.push(`commit refs/heads/${branch}`, `mark :${mark}`, `author ${who} ${time} ${tz}`, `committer ${who} ${time} ${tz}`);
    const msg = `${message}\n\nSigned-off-by: ${who}\n`;
    out.push(`data ${Buffer.byteLength(msg)}`, msg);
    if (parents[0]) out.push(`from :${parents[0]}`);
    for (const p of parents.slice(1)) out.push(`merge :${p}`);
    if (parents.length < 2) {
      const touched = 1 + Math.floor(rand() * 4);
      for (let f = 0; f < touched; f++) {
        const body = content(i);
        out.push(`M 100644 inline src/dir${Math.floor(rand() * 20)}/file${Math.floor(rand() * files)}.txt`, `data ${Buffer.byteLength(body)}`, body);
      }
    }
    out.push('');
    return mark;
  };
  for (let i = 0; i < commits; i++) {
    const step = i % 10;
    if (i > 0 && step === 1) sideMark = commit('side', [mainMark], i, `side change ${i}`);
    else if (i > 0 && step === 2) sideMark = commit('side', [sideMark], i, `side change ${i}`);
    else if (i > 0 && step === 9) mainMark = commit('main', [mainMark, sideMark], i, `Merge side into main at ${i}`);
    else mainMark = commit('main', mainMark ? [mainMark] : [], i, `change ${i}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Creates a bare repository at `dir` holding the synthetic history (main checked out as HEAD).
 * @param {string} dir
 * @param {{ commits: number, authors?: number, files?: number, seed?: number }} options
 * @returns {Promise<void>}
 */
export async function createSyntheticRepo(dir, options) {
  await run('git', ['init', '-q', '--bare', '-b', 'main', dir], undefined);
  await run('git', ['fast-import', '--quiet'], dir, syntheticHistory(options));
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string | undefined} cwd
 * @param {string} [input]
 * @returns {Promise<void>}
 */
function run(command, args, cwd, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed: ${stderr}`))));
    child.stdin.end(input ?? '');
  });
}
