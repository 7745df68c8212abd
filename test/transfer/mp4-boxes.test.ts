import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../main/core/emulator/samples/catalog';
import { checkMp4File } from '../../main/core/transfer/mp4-boxes';

const dir = mkdtempSync(join(tmpdir(), 'offstream-mp4-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

describe('checkMp4File', () => {
  it('accepts a real H.264 sample and lists its boxes in order', async () => {
    const result = await checkMp4File(join(samplesDir, 'alpine.mp4'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const types = result.boxes.map((b) => b.type);
    expect(types[0]).toBe('ftyp');
    expect(types.indexOf('moov')).toBeLessThan(types.indexOf('mdat'));
  });

  it('accepts a real M4A sample', async () => {
    expect((await checkMp4File(join(samplesDir, 'waves.m4a'))).ok).toBe(true);
  });

  it('rejects a captive-portal HTML page', async () => {
    const page = '<!doctype html><html><body>Please log in to the hotel Wi-Fi</body></html>';
    expect(await checkMp4File(file('portal.mp4', page))).toMatchObject({
      ok: false,
      reason: 'not_mp4',
    });
  });

  it('rejects a body cut short', async () => {
    const whole = readFileSync(join(samplesDir, 'harbour.mp4'));
    const cut = file('cut.mp4', whole.subarray(0, whole.length - 1000));
    expect(await checkMp4File(cut)).toMatchObject({ ok: false, reason: 'truncated' });
  });

  it('rejects a file without moov', async () => {
    const noMoov = Buffer.concat([
      box('ftyp', Buffer.from('isom0000')),
      box('mdat', Buffer.alloc(64)),
    ]);
    expect(await checkMp4File(file('nomoov.mp4', noMoov))).toMatchObject({
      ok: false,
      reason: 'missing_box',
    });
  });

  it('rejects an empty file and a JSON error body', async () => {
    expect((await checkMp4File(file('empty.mp4', ''))).ok).toBe(false);
    const json = '{"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}';
    expect((await checkMp4File(file('json.mp4', json))).ok).toBe(false);
  });

  it('reads a 64-bit largesize mdat header', async () => {
    const mdatHeader = Buffer.alloc(16);
    mdatHeader.writeUInt32BE(1, 0);
    mdatHeader.write('mdat', 4, 'latin1');
    mdatHeader.writeBigUInt64BE(16n + 32n, 8);
    const bytes = Buffer.concat([
      box('ftyp', Buffer.from('isom0000')),
      box('moov', Buffer.alloc(8)),
      mdatHeader,
      Buffer.alloc(32),
    ]);
    const result = await checkMp4File(file('large.mp4', bytes));
    expect(result.ok && result.boxes.at(-1)).toEqual({ type: 'mdat', offset: 32, size: 48 });
  });
});
