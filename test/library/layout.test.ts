import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isPartialName,
  partFilePath,
  partialNames,
  resolveMediaPath,
  scratchPath,
} from '../../main/core/library/paths';
import { sidecarPath } from '../../main/core/transfer/part-file';
import { open, tempFolder, uidOf } from './helpers';

const uid = uidOf(7);

describe('the library layout', () => {
  it('names a job’s .part in .partial and the sidecar transfer keeps beside it', () => {
    const part = partFilePath('/lib', uid, 'audio');
    expect(part).toBe(join('/lib', '.partial', `${uid}.audio.part`));
    expect(partialNames(uid, 'audio')).toEqual([
      `${uid}.audio.part`,
      sidecarPath(`${uid}.audio.part`),
    ]);
    expect(partialNames(uid, 'audio').every(isPartialName)).toBe(true);
  });

  it.each([
    `${uid}.video.part`,
    `${uidOf(0xabc).toUpperCase()}.default.part`,
    `${uid}.default.part.tmp`,
    `${uid}.default.json`,
    'companion-0123456789abcdef',
    '.part.json',
  ])('does not take %s for a partial download', (name) => {
    expect(isPartialName(name)).toBe(false);
  });

  it('gives fresh scratch names inside .partial', () => {
    const a = scratchPath('/lib', 'companion');
    expect(dirname(a)).toBe(join('/lib', '.partial'));
    expect(a).not.toBe(scratchPath('/lib', 'companion'));
  });

  it('resolves only paths under media/<uid>/', () => {
    expect(resolveMediaPath('/lib', `media/${uid}/captions/en.vtt`)).toBe(
      join('/lib', 'media', uid, 'captions', 'en.vtt'),
    );
    expect(() => resolveMediaPath('/lib', `.partial/${uid}.default.part`)).toThrow();
    expect(() => resolveMediaPath('/lib', `media/${uid}/../x`)).toThrow();
  });

  it('keeps an unfinished job’s part and sidecar at open, and sweeps scratch left by a crash', () => {
    const folder = tempFolder();
    const index = open(folder);
    index.createJob({ uid, kind: 'default', source: 'api' });
    index.close();
    const part = partFilePath(folder, uid, 'default');
    writeFileSync(part, 'bytes');
    writeFileSync(sidecarPath(part), '{}');
    writeFileSync(scratchPath(folder, 'companion'), 'half a thumbnail');
    mkdirSync(scratchPath(folder, 'import'));

    const report = open(folder).reconcileReport;
    expect(report.keptPartials.sort()).toEqual([...partialNames(uid, 'default')].sort());
    expect(readdirSync(join(folder, '.partial')).sort()).toEqual(report.keptPartials.sort());
    expect(report.removedPartials).toHaveLength(2);
  });
});
