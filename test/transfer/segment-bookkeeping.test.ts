import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { sameBoot } from '../../main/core/transfer/boot-id';
import { ConnectionBudget } from '../../main/core/transfer/connections';
import {
  loadPart,
  readSegmentedSidecar,
  SegmentedSidecar,
  sidecarPath,
} from '../../main/core/transfer/part-file';
import { RangeSet } from '../../main/core/transfer/range-set';

describe('RangeSet', () => {
  it('merges touching and overlapping ranges, and knows its prefix and holes', () => {
    const set = new RangeSet([
      [10, 20],
      [0, 5],
    ]);
    set.add(5, 8);
    set.add(18, 30);
    expect(set.toJSON()).toEqual([
      [0, 8],
      [10, 30],
    ]);
    expect(set.prefix).toBe(8);
    expect(set.size).toBe(28);
    expect(set.holes(40)).toEqual([
      [8, 10],
      [30, 40],
    ]);
    expect(set.covers(12, 29)).toBe(true);
    expect(set.covers(7, 11)).toBe(false);
    expect(set.intersect(new RangeSet([[4, 12]])).toJSON()).toEqual([
      [4, 8],
      [10, 12],
    ]);
  });
});

describe('boot identity', () => {
  it('compares boot ids exactly and boot times within a few seconds', () => {
    expect(sameBoot('id:a', 'id:a')).toBe(true);
    expect(sameBoot('id:a', 'id:b')).toBe(false);
    expect(sameBoot('at:1000000', 'at:1002000')).toBe(true);
    expect(sameBoot('at:1000000', 'at:1060000')).toBe(false);
  });
});

describe('the format-2 sidecar', () => {
  let dir: string;
  let part: string;
  const state = (written: [number, number][], synced: [number, number][] = []) => ({
    etag: '"e"',
    total: 100,
    written: new RangeSet(written),
    synced: new RangeSet(synced),
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'offstream-sidecar-'));
    part = join(dir, 'x.default.part');
    writeFileSync(part, Buffer.alloc(100));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('trusts written-only ranges in the boot that wrote them, synced ranges in any', async () => {
    const sidecar = await SegmentedSidecar.create(part, state([[0, 10]]), 'id:one');
    sidecar.save(
      state(
        [
          [0, 40],
          [60, 70],
        ],
        [[0, 20]],
      ),
      'id:one',
    );
    await sidecar.close();
    const same = await loadPart(part, 'id:one');
    const other = await loadPart(part, 'id:two');
    if (same.kind !== 'segmented' || other.kind !== 'segmented') throw new Error('not segmented');
    expect(same.state.written.toJSON()).toEqual([
      [0, 40],
      [60, 70],
    ]);
    expect(other.state.written.toJSON()).toEqual([[0, 20]]);
    expect(other.state.synced.toJSON()).toEqual([[0, 20]]);
  });

  it('reads the older slot when the newer one is torn (a power loss during its write)', async () => {
    const sidecar = await SegmentedSidecar.create(part, state([[0, 10]]), 'id:one');
    sidecar.save(state([[0, 30]]), 'id:one');
    sidecar.save(state([[0, 50]]), 'id:one');
    await sidecar.close();
    expect((await readSegmentedSidecar(part))?.written).toEqual([[0, 50]]);
    // The newest slot (sequence 3) is the second one: tear its middle.
    const fd = openSync(sidecarPath(part), 'r+');
    writeSync(fd, 'XXXXXXXX', 16 * 1024 + 20);
    expect((await readSegmentedSidecar(part))?.written).toEqual([[0, 30]]);
  });

  it('starts over when the .part does not have the size the sidecar says', async () => {
    const sidecar = await SegmentedSidecar.create(part, state([[0, 10]]), 'id:one');
    await sidecar.close();
    writeFileSync(part, Buffer.alloc(10));
    expect((await loadPart(part, 'id:one')).kind).toBe('none');
  });

  it('still reads a one-connection sidecar (format 1) by the size of the .part', async () => {
    writeFileSync(
      sidecarPath(part),
      JSON.stringify({ format: 1, etag: '"e"', total: 200, segments: [{ start: 0, written: 0 }] }),
    );
    expect(await loadPart(part, 'id:one')).toMatchObject({ kind: 'single', size: 100 });
    expect(readFileSync(sidecarPath(part), 'utf8')).toContain('"format":1');
  });
});

describe('ConnectionBudget', () => {
  it('bounds further connections by the total and the host, never the first', () => {
    const budget = new ConnectionBudget({ perDownload: 4, total: 3, perHost: 2 });
    const a = budget.first('a');
    expect(budget.further('a')).toBeDefined();
    expect(budget.further('a')).toBeUndefined();
    expect(budget.further('b')).toBeDefined();
    expect(budget.further('b')).toBeUndefined();
    expect(budget.first('c')).toBeDefined();
    a();
    a();
    expect(budget.inUse()).toBe(3);
  });

  it('holds a host that refused a connection to one fewer for a while', () => {
    const clock = new ManualClock(0);
    const budget = new ConnectionBudget({ perDownload: 4, coolDownMs: 60_000 }, clock);
    budget.first('a');
    const extra = budget.further('a');
    budget.further('a');
    budget.throttle('a');
    expect(budget.hostCap('a')).toBe(2);
    extra?.();
    expect(budget.further('a')).toBeUndefined();
    clock.advance(60_000);
    expect(budget.further('a')).toBeDefined();
  });

  it('holds a refusing host for as long as its Retry-After asks, within bounds', () => {
    const clock = new ManualClock(0);
    const budget = new ConnectionBudget({ perDownload: 4, coolDownMs: 60_000 }, clock);
    budget.first('a');
    budget.further('a');
    budget.throttle('a', 5_000);
    expect(budget.hostCap('a')).toBe(1);
    clock.advance(4_999);
    expect(budget.hostCap('a')).toBe(1);
    clock.advance(1);
    expect(budget.hostCap('a')).toBe(16);
    // Back to the per-host limit. A host asking for a day is held ten minutes; one asking for
    // nothing, a second.
    budget.throttle('a', 24 * 3600_000);
    clock.advance(10 * 60_000);
    expect(budget.hostCap('a')).toBe(16);
    budget.throttle('a', 0);
    expect(budget.hostCap('a')).toBe(1);
    clock.advance(1_000);
    expect(budget.hostCap('a')).toBe(16);
  });

  it('changes connections per download within 1–16', () => {
    const budget = new ConnectionBudget();
    expect(budget.perDownload).toBe(4);
    budget.setPerDownload(40);
    expect(budget.perDownload).toBe(16);
    budget.setPerDownload(0);
    expect(budget.perDownload).toBe(1);
  });
});
