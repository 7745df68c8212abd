import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Step as BaseStep, expression, projectDir, readWorkflow } from './builder';

interface Step extends BaseStep {
  shell?: string;
  if?: string;
}

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      'runs-on': string;
      env?: Record<string, string>;
      strategy: { 'fail-fast'?: boolean; matrix: { include: { os: string; chromium: string }[] } };
      steps: Step[];
    }
  >;
}

const workflow = readWorkflow<Workflow>('ci.yml');
const packageJson = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const jobs = Object.values(workflow.jobs);
const [job] = jobs;
const steps = job?.steps ?? [];
const runs = steps.map((step) => step.run?.trim() ?? '');
const indexOfRun = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));

describe('the CI workflow', () => {
  it('runs for every push and pull request, with one job', () => {
    expect(workflow.on).toHaveProperty('push');
    expect(workflow.on).toHaveProperty('pull_request');
    // `push:` with nothing under it: no branch or path filter skips a push.
    expect(workflow.on.push ?? null).toBeNull();
    expect(jobs).toHaveLength(1);
  });

  it('tests on Linux, Windows and macOS, each to the end whatever the others do', () => {
    const include = job?.strategy.matrix.include ?? [];
    expect(include.map((entry) => entry.os)).toEqual([
      'ubuntu-latest',
      'windows-latest',
      'macos-latest',
    ]);
    expect(job?.strategy['fail-fast']).toBe(false);
    expect(job?.['runs-on']).toBe(expression('matrix.os'));
    // Each runner's browser for the renderer tests, through the override chromium.ts reads.
    expect(include.every((entry) => /chrome(\.exe)?$/i.test(entry.chromium))).toBe(true);
    expect(job?.env?.OFFSTREAM_CHROMIUM).toBe(expression('matrix.chromium'));
  });

  it('sets up Node 22, installs, checks, builds and runs npm test, in that order', () => {
    const node = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe(22);
    const order = [
      indexOfRun(/^npm ci$/),
      indexOfRun(/^npm run typecheck$/),
      indexOfRun(/^npm run lint$/),
      indexOfRun(/^npm run check:boundaries$/),
      indexOfRun(/^npm run build$/),
      indexOfRun(/^npm test$/),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('scans the shell and the built app with Electronegativity once, on Linux, before npm test', () => {
    const scan = indexOfRun(/^npm run check:electron-security\b/);
    expect(scan).toBeGreaterThan(indexOfRun(/^npm run build$/));
    expect(scan).toBeLessThan(indexOfRun(/^npm test$/));
    // The files scanned are the same on every OS; the other runners would only repeat it.
    expect(steps[scan]?.if).toBe("runner.os == 'Linux'");
    // Its reports land where the upload on failure looks.
    expect(runs[scan]).toMatch(/ -- --out test-results\//);
    expect(packageJson.scripts['check:electron-security']).toBe('node .ci/electronegativity.mjs');
  });

  it('installs ffmpeg on each OS, and a virtual display on Linux', () => {
    const tools = runs[indexOfRun(/ffmpeg/)] ?? '';
    expect(tools).toMatch(/Linux\).*apt-get install.*ffmpeg xvfb/);
    expect(tools).toMatch(/macOS\).*brew install ffmpeg/);
    expect(tools).toMatch(/Windows\).*choco install ffmpeg/);
    expect(indexOfRun(/ffmpeg/)).toBeLessThan(indexOfRun(/^npm test$/));
  });

  it('then smoke-tests the real app in Electron, required to run, after its native rebuild', () => {
    expect(job?.env?.OFFSTREAM_ELECTRON_SMOKE).toBe('required');
    const rebuild = indexOfRun(/^npx electron-builder install-app-deps$/);
    const smoke = indexOfRun(/npm run test:electron-smoke/);
    expect(rebuild).toBeGreaterThan(indexOfRun(/^npm test$/));
    expect(smoke).toBeGreaterThan(rebuild);
    expect(steps[smoke]?.shell).toBe('bash');
    expect(runs[smoke]).toMatch(/xvfb-run -a npm run test:electron-smoke/);
    expect(packageJson.scripts['test:electron-smoke']).toBe(
      'vitest run --config test/electron-smoke/vitest.config.ts',
    );
  });

  it('never publishes or uses a secret', () => {
    const text = readFileSync(join(projectDir, '.github/workflows/ci.yml'), 'utf8');
    expect(text).not.toMatch(/secrets\./);
    expect(text).not.toMatch(/--publish (always|onTag)/);
  });
});
