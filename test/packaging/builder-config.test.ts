import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { globMatches, loadBuilderConfig, projectDir, validateBuilderConfig } from './builder';
import { icnsElements, icoSizes, pngSize } from './icons';

let config: Configuration;

beforeAll(async () => {
  config = await loadBuilderConfig();
});

// electron-builder looks a resource up in buildResources first, then in the project folder.
function builderResource(path: string): string {
  const inResources = resolve(projectDir, config.directories?.buildResources ?? 'build', path);
  return existsSync(inResources) ? inResources : resolve(projectDir, path);
}

// The app-relative path survives the `files` globs (electron-builder normalizes them to filters).
function packedByFiles(path: string): boolean {
  const globs = [config.files ?? []]
    .flat()
    .flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()));
  const included = globs.some((glob) => !glob.startsWith('!') && globMatches(glob, path));
  const excluded = globs.some((glob) => glob.startsWith('!') && globMatches(glob.slice(1), path));
  return included && !excluded;
}

function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : [target];
  return list.map((t: string | TargetConfiguration) => (typeof t === 'string' ? t : t.target));
}

function targetArches(target: unknown, name: string): unknown {
  const list = Array.isArray(target) ? target : [target];
  return list.find((t: string | TargetConfiguration) => typeof t !== 'string' && t.target === name)
    ?.arch;
}

describe('electron-builder.yml against electron-builder 26 itself', () => {
  it('passes electron-builder’s configuration validation', async () => {
    await expect(validateBuilderConfig(structuredClone(config))).resolves.toBeUndefined();
  });

  it('the same validation rejects an unknown top-level key', async () => {
    const broken = { ...structuredClone(config), iconz: 'app/build/icon.png' } as Configuration;
    await expect(validateBuilderConfig(broken)).rejects.toThrow(/unknown property 'iconz'/);
  });

  it('rejects a misspelt fuse and an unknown key inside a platform block', async () => {
    const copy = structuredClone(config);
    const fuse = { ...copy, electronFuses: { ...copy.electronFuses, runAsnode: false } };
    await expect(validateBuilderConfig(fuse as Configuration)).rejects.toThrow(/electronFuses/);

    const msi = { ...copy, msi: { ...copy.msi, perMachin: true } };
    await expect(validateBuilderConfig(msi as Configuration)).rejects.toThrow(
      /configuration\.msi /,
    );
    const msiType = { ...copy, msi: { ...copy.msi, perMachine: 'yes' } };
    await expect(validateBuilderConfig(msiType as unknown as Configuration)).rejects.toThrow(
      /msi\.perMachine/,
    );

    const linux = { ...copy, linux: { ...copy.linux, categroy: 'Video' } };
    await expect(validateBuilderConfig(linux as Configuration)).rejects.toThrow(
      /configuration\.linux /,
    );
  });
});

describe('what the installers must hold', () => {
  it('flips the fuses that close the Node and debugger back doors', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar and the integrity check mean nothing without an asar.
    expect(config.asar).not.toBe(false);
  });

  it('packs the two-package.json app folder and rebuilds better-sqlite3 outside the asar', () => {
    expect(config.directories?.app).toBe('app');
    expect(config.directories?.output).toBe('release');
    expect(config.npmRebuild).toBe(true);
    const unpack = [config.asarUnpack ?? []].flat();
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(unpack.some((glob) => globMatches(glob, addon))).toBe(true);
    expect(unpack.some((glob) => globMatches(glob, 'dist/main/index.js'))).toBe(false);

    const app = JSON.parse(readFileSync(join(projectDir, 'app/package.json'), 'utf8'));
    expect(Object.keys(app.dependencies)).toContain('better-sqlite3');
    expect(packedByFiles(app.main)).toBe(true);
    expect(packedByFiles('dist/main/index.js.map')).toBe(false);
  });

  it('builds AppImage + deb, NSIS + portable + MSI, and one DMG per Mac architecture', () => {
    expect(config.productName).toBe('Offstream');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target).sort()).toEqual(['msi', 'nsis', 'portable']);
    expect(targetArches(config.win?.target, 'msi')).toEqual(['x64']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg', 'zip']);
    expect(targetArches(config.mac?.target, 'dmg')).toEqual(['x64', 'arm64']);
    // electron-updater installs macOS updates from the zip, never from the DMG.
    expect(targetArches(config.mac?.target, 'zip')).toEqual(['x64', 'arm64']);
  });

  it('publishes update metadata for a generic HTTPS server, where installed copies look', () => {
    const publish = [config.publish].flat()[0] as { provider?: string; url?: string } | undefined;
    expect(publish?.provider).toBe('generic');
    expect(new URL(publish?.url ?? '').protocol).toBe('https:');
  });

  it('builds an MSI IT can push silently: per machine, no questions, nothing started', () => {
    expect(config.msi).toMatchObject({
      perMachine: true,
      oneClick: true,
      runAfterFinish: false,
      createDesktopShortcut: false,
    });
    expect(config.msi?.artifactName).toMatch(/\$\{arch\}\.\$\{ext\}$/);
  });

  it('gives the Windows installers distinct names and each DMG its architecture', () => {
    expect(config.nsis?.artifactName).toBeTruthy();
    const names = [config.nsis, config.portable, config.msi].map((o) => o?.artifactName);
    expect(new Set(names).size).toBe(3);
    expect(config.dmg?.artifactName).toContain(`\${arch}`);
  });

  it('registers no file types or URL schemes with the OS', () => {
    for (const block of [config, config.linux, config.win, config.mac]) {
      expect([block?.fileAssociations ?? []].flat()).toEqual([]);
      expect([block?.protocols ?? []].flat()).toEqual([]);
    }
  });

  it('describes the Linux packages as a video application with a maintainer', () => {
    const linux = config.linux ?? {};
    expect(linux.category?.split(';')).toEqual(expect.arrayContaining(['AudioVideo', 'Video']));
    expect(linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(linux.synopsis?.length).toBeGreaterThan(10);
    expect(linux.synopsis?.length).toBeLessThanOrEqual(80);
    expect(config.deb?.packageCategory).toBe('video');
  });
});

describe('every icon the configuration names', () => {
  it('Linux: an icon set of square PNGs, 16 to 1024, named by their size', () => {
    const dir = builderResource(String(config.linux?.icon));
    expect(statSync(dir).isDirectory()).toBe(true);
    const sizes = readdirSync(dir).map((name) => {
      const [, width, height] = /^(\d+)x(\d+)\.png$/.exec(name) ?? [];
      expect(pngSize(readFileSync(join(dir, name)))).toEqual({
        width: Number(width),
        height: Number(height),
      });
      return Number(width);
    });
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 32, 48, 64, 128, 256, 512, 1024]);
  });

  it('Windows: an .ico with the list sizes and a 256 for large views', () => {
    const sizes = icoSizes(builderResource(String(config.win?.icon)));
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('macOS: an .icns whose elements are PNGs of the size each type stands for', () => {
    const elements = icnsElements(builderResource(String(config.mac?.icon)));
    const expected: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      ic11: 32,
      ic12: 64,
      ic07: 128,
      ic13: 256,
      ic08: 256,
      ic14: 512,
      ic09: 512,
      ic10: 1024,
    };
    expect(Object.fromEntries(elements.map((e) => [e.type, e.width]))).toEqual(expected);
  });

  it('the default icon.png electron-builder falls back on is 1024 square', () => {
    const png = pngSize(readFileSync(builderResource('icon.png')));
    expect(png).toEqual({ width: 1024, height: 1024 });
  });
});
