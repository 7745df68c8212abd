import { open } from 'node:fs/promises';

/** One top-level ISO BMFF box: where it starts and how many bytes it spans, header included. */
export interface Mp4Box {
  type: string;
  offset: number;
  size: number;
}

export type Mp4Problem =
  | { reason: 'not_mp4'; detail: string }
  | { reason: 'truncated'; detail: string }
  | { reason: 'missing_box'; detail: string };

export type Mp4Check = { ok: true; boxes: Mp4Box[] } | ({ ok: false } & Mp4Problem);

const printableType = /^[\x20-\x7e]{4}$/;

/**
 * Walks the top-level boxes of a file and checks they tile it exactly and that `ftyp` comes
 * first and `moov` and `mdat` are present. A captive-portal HTML page, a JSON error or a body cut
 * short all fail here, so they never enter the library.
 */
export async function checkMp4File(path: string): Promise<Mp4Check> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    const boxes: Mp4Box[] = [];
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      const box = parseBoxHeader(header.subarray(0, bytesRead), offset, size);
      if ('reason' in box) return { ok: false, ...box };
      boxes.push(box);
      offset += box.size;
    }
    return requireBoxes(boxes);
  } finally {
    await handle.close();
  }
}

function parseBoxHeader(bytes: Buffer, offset: number, fileSize: number): Mp4Box | Mp4Problem {
  if (bytes.length < 8) return { reason: 'truncated', detail: `box header cut at byte ${offset}` };
  const type = bytes.toString('latin1', 4, 8);
  if (!printableType.test(type)) {
    return { reason: 'not_mp4', detail: `no box type at byte ${offset}` };
  }
  // Checked before sizes: an HTML page starting "<!do" reads as a huge box, not a truncated one.
  if (offset === 0 && type !== 'ftyp') {
    return { reason: 'not_mp4', detail: 'the file does not start with an ftyp box' };
  }
  let size = bytes.readUInt32BE(0);
  let headerSize = 8;
  if (size === 1) {
    if (bytes.length < 16)
      return { reason: 'truncated', detail: `largesize cut at byte ${offset}` };
    size = Number(bytes.readBigUInt64BE(8));
    headerSize = 16;
  } else if (size === 0) {
    size = fileSize - offset;
  }
  if (size < headerSize) return { reason: 'not_mp4', detail: `box '${type}' has size ${size}` };
  if (offset + size > fileSize) {
    return {
      reason: 'truncated',
      detail: `box '${type}' needs ${offset + size} bytes, file has ${fileSize}`,
    };
  }
  return { type, offset, size };
}

function requireBoxes(boxes: Mp4Box[]): Mp4Check {
  if (boxes.length === 0) return { ok: false, reason: 'truncated', detail: 'the file is empty' };
  for (const type of ['moov', 'mdat']) {
    if (!boxes.some((b) => b.type === type)) {
      return { ok: false, reason: 'missing_box', detail: `no '${type}' box` };
    }
  }
  return { ok: true, boxes };
}
