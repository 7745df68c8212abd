import { describe, expect, it } from 'vitest';
import { type Step as BaseStep, expression, readWorkflow } from './builder';

interface Step extends BaseStep {
  if?: string;
}

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      'runs-on': string;
      strategy: { matrix: { include: { os: string; platform: string; installers: string }[] } };
      steps: Step[];
    }
  >;
}

const workflow = readWorkflow<Workflow>('release.yml');
const [job] = Object.values(workflow.jobs);
const steps = job?.steps ?? [];
const runs = steps.map((step) => step.run ?? '');

function indexOfRun(pattern: RegExp): number {
  return runs.findIndex((run) => pattern.test(run));
}

describe('the release workflow', () => {
  it('runs for version tags and by hand', () => {
    expect(workflow.on.push).toEqual({ tags: ['v*'] });
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('builds on Linux, Windows and macOS, each for its own platform', () => {
    const include = job?.strategy.matrix.include ?? [];
    expect(include.map((entry) => [entry.os, entry.platform])).toEqual([
      ['ubuntu-latest', '--linux'],
      ['windows-latest', '--win'],
      ['macos-latest', '--mac'],
    ]);
    expect(job?.['runs-on']).toBe(expression('matrix.os'));
  });

  it('uploads exactly the installers electron-builder.yml asks for, with their update metadata', () => {
    const include = job?.strategy.matrix.include ?? [];
    const globs = include.map((entry) => entry.installers.trim().split('\n'));
    expect(globs).toEqual([
      ['release/*.AppImage', 'release/*.deb', 'release/latest-linux*.yml'],
      ['release/*.exe', 'release/*.exe.blockmap', 'release/latest.yml', 'release/*.msi'],
      ['release/*.dmg', 'release/*.zip', 'release/*.zip.blockmap', 'release/latest-mac.yml'],
    ]);
    const upload = steps.find(
      (step) => step.uses?.startsWith('actions/upload-artifact@') && !step.if,
    );
    expect(upload?.with).toMatchObject({
      path: expression('matrix.installers'),
      'if-no-files-found': 'error',
    });
  });

  it('sets up Node 22, installs, builds, then packages without publishing, in that order', () => {
    const node = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe(22);
    const order = [
      indexOfRun(/^npm ci$/),
      indexOfRun(/^npm run build$/),
      indexOfRun(/electron-builder install-app-deps/),
      indexOfRun(/^npx electron-builder \$\{\{ matrix\.platform \}\} --publish never$/),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('gates the build on the Electronegativity check', () => {
    const gate = indexOfRun(/node \.ci\/electronegativity\.mjs/);
    expect(gate).toBeGreaterThan(indexOfRun(/^npm run build$/));
    expect(gate).toBeLessThan(indexOfRun(/--publish never/));
  });
});
