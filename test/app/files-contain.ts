import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether any file below `folder` holds `text`: a secret must be found nowhere on disk. */
export function filesContain(folder: string, text: string): boolean {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .some((d) => readFileSync(join(d.parentPath, d.name)).includes(text));
}
