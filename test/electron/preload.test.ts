import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames } from '../../main/contract/index';
import { contractChannels, contractEvents } from '../../main/electron/contract-names';
import type { PreloadApi } from '../../main/electron/preload-api';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

async function loadPreload(): Promise<PreloadApi> {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  await import('../../main/electron/preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('offstreamIpc');
  return api as PreloadApi;
}

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
  electron.ipcRenderer.on.mockReset();
  electron.ipcRenderer.removeListener.mockReset();
});

describe('the preload', () => {
  it('exposes exactly invoke and on, under one key', async () => {
    const api = await loadPreload();
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('carries the same channel and event names as the contract', () => {
    expect([...contractChannels].sort()).toEqual([...channelNames].sort());
    expect([...contractEvents].sort()).toEqual([...eventNames].sort());
  });

  it('refuses an undeclared channel without sending anything', async () => {
    const api = await loadPreload();
    for (const channel of ['shell:open', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 'toString']) {
      const answer = await api.invoke(channel, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(await api.invoke(42 as unknown as string, {})).toMatchObject({ ok: false });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('passes a declared channel and its argument to ipcRenderer.invoke', async () => {
    const api = await loadPreload();
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { count: 2 } });
    await expect(api.invoke('download:pause-all', {})).resolves.toEqual({
      ok: true,
      value: { count: 2 },
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('download:pause-all', {});
  });

  it('subscribes only to declared events', async () => {
    const api = await loadPreload();
    expect(() => api.on('ipc-message', () => {})).toThrow(TypeError);
    expect(() => api.on('job:state', 'nope' as unknown as () => void)).toThrow(TypeError);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('hands listeners the payload only, never the IpcRendererEvent, and unsubscribes', async () => {
    const api = await loadPreload();
    const listener = vi.fn();
    const off = api.on('connectivity', listener);
    const [event, wrapper] = electron.ipcRenderer.on.mock.calls[0] ?? [];
    expect(event).toBe('connectivity');
    const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
    (wrapper as (...args: unknown[]) => void)(ipcEvent, { online: false }, 'extra');
    expect(listener).toHaveBeenCalledWith({ online: false });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('connectivity', wrapper);
  });
});

/** Runtime imports (not `import type`) of a module and, transitively, of its relative imports. */
function runtimeImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
    const [, typeOnly, spec = ''] = match;
    if (typeOnly) continue;
    if (!spec.startsWith('.')) found.push(spec);
    else found.push(...runtimeImports(`${resolve(dirname(file), spec)}.ts`, seen));
  }
  return found;
}

describe('the preload bundle', () => {
  it('needs nothing at runtime but electron (sandboxed preloads cannot require)', () => {
    const entry = join(import.meta.dirname, '../../main/electron/preload.ts');
    expect(runtimeImports(entry)).toEqual(['electron']);
  });
});
