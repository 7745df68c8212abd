#!/usr/bin/env node
// Packs PNG files into a macOS .icns. Debian's png2icns stores the large sizes as JPEG 2000,
// which current macOS renders poorly; PNG entries are what Apple's own iconutil writes.
// Usage: write-icns.mjs <out.icns> <dir holding 16.png, 32.png, 64.png, 128.png, 256.png, 512.png, 1024.png>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Each icns element type and the pixel size of the PNG it holds (@2x types hold double).
const elements = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

function element(type, png) {
  const header = Buffer.alloc(8);
  header.write(type, 0, 'latin1');
  header.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([header, png]);
}

const [out, pngDir] = process.argv.slice(2);
if (!out || !pngDir) {
  console.error('usage: write-icns.mjs <out.icns> <png dir>');
  process.exit(2);
}
const body = Buffer.concat(
  elements.map(([type, size]) => element(type, readFileSync(join(pngDir, `${size}.png`)))),
);
writeFileSync(out, element('icns', body));
