import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// From the bundled CLI (app/dist/cli/offstream.cjs) and from source (main/web/*.ts).
const candidates = ['../renderer/', '../../app/dist/renderer/'];

/** The built renderer folder (the one holding index.html), or undefined when it is not built. */
export function findRendererDir(base: string = import.meta.url): string | undefined {
  return candidates
    .map((relative) => fileURLToPath(new URL(relative, base)))
    .find((dir) => existsSync(`${dir}index.html`));
}
