import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '../../.ci/electronegativity.mjs');
const fixtures = join(import.meta.dirname, 'fixtures/electronegativity');
const scratch = mkdtempSync(join(tmpdir(), 'offstream-eneg-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Issue {
  id: string;
  file: string;
  line: number;
  sample: string | null;
}
interface Entry {
  target: string;
  rule: string;
  file: string | null;
  sample?: string;
  reason: string;
}

const reason = 'Reviewed for this fixture and accepted on purpose.';
let counter = 0;

function fresh(name: string): string {
  const dir = join(scratch, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function fixtureIssues(target: 'shell' | 'dist'): Issue[] {
  return JSON.parse(readFileSync(join(fixtures, `${target}.json`), 'utf8')).issues;
}

function acceptAll(): Entry[] {
  return (['shell', 'dist'] as const).flatMap((target) =>
    fixtureIssues(target).map((issue) => ({
      target,
      rule: issue.id,
      file: issue.file === 'N/A' ? null : issue.file,
      ...(issue.sample ? { sample: issue.sample } : {}),
      reason,
    })),
  );
}

function writeAccepted(findings: unknown[]): string {
  const path = join(fresh('accepted'), 'accepted.json');
  writeFileSync(path, JSON.stringify({ findings }));
  return path;
}

/** The fixture reports, with `change` applied to one target's result first. */
function reports(change?: {
  target: 'shell' | 'dist';
  edit: (result: { errors: unknown[] }) => void;
}) {
  const dir = fresh('reports');
  cpSync(fixtures, dir, { recursive: true });
  if (change) {
    const path = join(dir, `${change.target}.json`);
    const result = JSON.parse(readFileSync(path, 'utf8'));
    change.edit(result);
    writeFileSync(path, JSON.stringify(result));
  }
  return dir;
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

describe('judging Electronegativity results (fixture reports)', () => {
  it('passes when every finding is accepted, and says so with each reason', async () => {
    const result = await run(['--reports', reports(), '--accepted', writeAccepted(acceptAll())]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('10 findings, 10 accepted, 0 not accepted');
    expect(result.stdout).toContain(
      `accepted   CONTEXT_ISOLATION_JS_CHECK shell:index.ts:5: ${reason}`,
    );
  });

  it('fails with exit 1 and names a finding nobody accepted', async () => {
    const accepted = acceptAll().filter((entry) => entry.rule !== 'CONTEXT_ISOLATION_JS_CHECK');
    const result = await run(['--reports', reports(), '--accepted', writeAccepted(accepted)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'UNACCEPTED CONTEXT_ISOLATION_JS_CHECK shell:index.ts:5 [HIGH/FIRM]',
    );
    expect(result.stderr).toContain('contextIsolation: false');
    expect(result.stdout).toContain('1 not accepted');
  });

  it('an accepted sample pins the line: a changed CSP is judged again', async () => {
    const accepted = acceptAll().map((entry) =>
      entry.rule === 'CSP_GLOBAL_CHECK' && entry.target === 'dist'
        ? { ...entry, sample: "default-src 'self'; script-src 'self'" }
        : entry,
    );
    const result = await run(['--reports', reports(), '--accepted', writeAccepted(accepted)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('UNACCEPTED CSP_GLOBAL_CHECK dist:renderer/index.html:4');
  });

  it('an acceptance holds for its own target only', async () => {
    const accepted = acceptAll().map((entry) =>
      entry.rule === 'LIMIT_NAVIGATION_GLOBAL_CHECK' ? { ...entry, target: 'shell' } : entry,
    );
    const result = await run(['--reports', reports(), '--accepted', writeAccepted(accepted)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('UNACCEPTED LIMIT_NAVIGATION_GLOBAL_CHECK dist (whole app)');
  });

  it('exit 2 when the tool could not parse a file, since its findings would be missing', async () => {
    const dir = reports({
      target: 'dist',
      edit: (result) => {
        result.errors.push({
          file: '/x/main/index.js',
          message: 'Unexpected token',
          tolerable: false,
        });
      },
    });
    const result = await run(['--reports', dir, '--accepted', writeAccepted(acceptAll())]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/x/main/index.js: Unexpected token');
  });

  it('a tolerable parse error does not stop the judgement', async () => {
    const dir = reports({
      target: 'shell',
      edit: (result) => {
        result.errors.push({ file: '/x/index.ts', message: 'recovered', tolerable: true });
      },
    });
    const result = await run(['--reports', dir, '--accepted', writeAccepted(acceptAll())]);
    expect(result.code).toBe(0);
  });

  it.each([
    ['no reason', { target: 'shell', rule: 'SANDBOX_JS_CHECK', file: 'index.ts' }],
    [
      'a token reason',
      { target: 'shell', rule: 'SANDBOX_JS_CHECK', file: 'index.ts', reason: 'ok' },
    ],
    ['an unknown target', { target: 'web', rule: 'SANDBOX_JS_CHECK', file: null, reason }],
  ])('exit 2 for an accepted entry with %s', async (_, entry) => {
    const result = await run(['--reports', reports(), '--accepted', writeAccepted([entry])]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('finding 1');
  });

  it('names accepted entries that match nothing any more, without failing', async () => {
    const stale = { target: 'dist', rule: 'SANDBOX_JS_CHECK', file: 'main/index.js', reason };
    const result = await run([
      '--reports',
      reports(),
      '--accepted',
      writeAccepted([...acceptAll(), stale]),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'stale      SANDBOX_JS_CHECK dist:main/index.js matched nothing',
    );
  });

  it('exit 2 when a result is missing or is not a result', async () => {
    const missing = reports();
    rmSync(join(missing, 'dist.json'));
    const garbled = reports();
    writeFileSync(join(garbled, 'shell.json'), '{"issues": 3}');
    for (const dir of [missing, garbled]) {
      const result = await run(['--reports', dir, '--accepted', writeAccepted(acceptAll())]);
      expect(result.code).toBe(2);
    }
  });
});

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const hardenedDist = {
  'app/dist/main/index.js': [
    "import { app, BrowserWindow, session } from 'electron';",
    'class Gate {',
    '  #open = false;',
    '  toggle() { this.#open = !this.#open; }',
    '}',
    'app.whenReady().then(() => {',
    '  session.defaultSession.setPermissionRequestHandler((_c, _p, done) => done(false));',
    '  const window = new BrowserWindow({ webPreferences: { sandbox: true } });',
    "  window.webContents.on('will-navigate', (event) => event.preventDefault());",
    '  new Gate().toggle();',
    '});',
  ].join('\n'),
  'app/dist/renderer/index.html':
    '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'" /></head></html>\n',
};

// Each run loads the tool and a compiler in child processes: seconds, more on a busy machine.
describe('scanning with the real tool', () => {
  it.concurrent('finds a window without context isolation, and reads bundles with private fields', async () => {
    const root = fresh('tree');
    writeTree(root, {
      ...hardenedDist,
      'main/electron/index.ts':
        "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });\n",
    });
    const out = fresh('out');
    const result = await run(['--root', root, '--out', out, '--accepted', writeAccepted([])]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('UNACCEPTED CONTEXT_ISOLATION_JS_CHECK shell:index.ts:2');
    // The bundle parsed: its window is seen, and its permission handler satisfies the global check.
    expect(result.stderr).toContain('UNACCEPTED AUXCLICK_JS_CHECK dist:main/index.js');
    expect(result.stderr).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK dist');
  }, 60_000);

  it.concurrent('exit 2 naming a source file the tool cannot parse', async () => {
    const root = fresh('tree');
    writeTree(root, {
      ...hardenedDist,
      'main/electron/index.ts': "import { app } from 'electron';\nconst broken = ;\n",
    });
    const result = await run([
      '--root',
      root,
      '--out',
      fresh('out'),
      '--accepted',
      writeAccepted([]),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(root, 'main/electron/index.ts'));
  }, 60_000);
});
