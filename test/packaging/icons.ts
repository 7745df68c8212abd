import { readFileSync } from 'node:fs';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(pngSignature)) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The square sizes stored in a Windows .ico (a stored 0 means 256). */
export function icoSizes(path: string): number[] {
  const bytes = readFileSync(path);
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) return [];
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => bytes.readUInt8(6 + i * 16) || 256);
}

/** Element types of a macOS .icns with the pixel size of each PNG payload. */
export function icnsElements(path: string): { type: string; width: number | null }[] {
  const bytes = readFileSync(path);
  if (bytes.toString('latin1', 0, 4) !== 'icns' || bytes.readUInt32BE(4) !== bytes.length)
    return [];
  const elements: { type: string; width: number | null }[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at + 4);
    if (length < 8) break;
    const payload = bytes.subarray(at + 8, at + length);
    elements.push({
      type: bytes.toString('latin1', at, at + 4),
      width: pngSize(payload)?.width ?? null,
    });
    at += length;
  }
  return elements;
}
