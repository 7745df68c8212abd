/** A half-open byte range [start, end). */
export type ByteRange = readonly [start: number, end: number];

/**
 * A set of byte ranges kept sorted, disjoint and merged: the bytes of a `.part` that are written
 * (or synced). Small by construction: a segmented transfer leaves a handful of holes at most.
 */
export class RangeSet {
  private ranges: [number, number][] = [];

  constructor(ranges: readonly ByteRange[] = []) {
    for (const [start, end] of ranges) this.add(start, end);
  }

  add(start: number, end: number): void {
    if (end <= start) return;
    const next: [number, number][] = [];
    let [from, to] = [start, end];
    for (const range of this.ranges) {
      if (range[1] < from || range[0] > to) next.push(range);
      else {
        from = Math.min(from, range[0]);
        to = Math.max(to, range[1]);
      }
    }
    next.push([from, to]);
    next.sort((a, b) => a[0] - b[0]);
    this.ranges = next;
  }

  /** Bytes in the set. */
  get size(): number {
    return this.ranges.reduce((sum, [start, end]) => sum + end - start, 0);
  }

  /** Where the run of bytes from 0 ends: what a hasher reading in order may read. */
  get prefix(): number {
    const first = this.ranges[0];
    return first && first[0] === 0 ? first[1] : 0;
  }

  covers(start: number, end: number): boolean {
    return this.ranges.some(([from, to]) => from <= start && end <= to);
  }

  /** The parts of [0, total) not in the set, in order. */
  holes(total: number): ByteRange[] {
    const holes: ByteRange[] = [];
    let at = 0;
    for (const [start, end] of this.ranges) {
      if (start >= total) break;
      if (start > at) holes.push([at, start]);
      at = Math.max(at, end);
    }
    if (at < total) holes.push([at, total]);
    return holes;
  }

  /** The ranges also in `other`. */
  intersect(other: RangeSet): RangeSet {
    const result = new RangeSet();
    for (const [a, b] of this.ranges) {
      for (const [c, d] of other.ranges) result.add(Math.max(a, c), Math.min(b, d));
    }
    return result;
  }

  clone(): RangeSet {
    return new RangeSet(this.ranges);
  }

  toJSON(): [number, number][] {
    return this.ranges.map(([start, end]) => [start, end]);
  }
}
