import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../main/core/atomic-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'offstream-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates, then replaces, leaving no temp file behind', async () => {
    const target = join(dir, 'state.json');
    await writeFileAtomic(target, 'one', { mode: 0o600 });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    await writeFileAtomic(target, Buffer.from('two'), { mode: 0o600 });
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('keeps the old file and removes its temp when the rename fails', async () => {
    const target = join(dir, 'occupied');
    await writeFileAtomic(target, 'old');
    // A directory in the way makes rename fail after the temp file was written.
    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'child'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'occupied']);
  });
});
