import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { libraryErrors } from '../errors';
import {
  ExportManifest,
  ManifestHeader,
  manifestFileName,
  manifestFormatVersion,
  manifestMaxBytes,
} from './manifest';

/** Reads and checks the manifest of an export folder; nothing in it is trusted before this. */
export async function readManifest(folder: string): Promise<ExportManifest> {
  const path = join(folder, manifestFileName);
  let text: string;
  try {
    const size = (await stat(path)).size;
    if (size > manifestMaxBytes) throw new Error('manifest too large');
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw libraryErrors.importManifestInvalid(folder, `no readable ${manifestFileName}`, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw libraryErrors.importManifestInvalid(folder, `${manifestFileName} is not JSON`, error);
  }
  const header = ManifestHeader.safeParse(json);
  if (!header.success) {
    throw libraryErrors.importManifestInvalid(
      folder,
      `${manifestFileName} is not an export manifest`,
    );
  }
  if (header.data.formatVersion > manifestFormatVersion) {
    throw libraryErrors.importTooNew(header.data.formatVersion, manifestFormatVersion);
  }
  const manifest = ExportManifest.safeParse(json);
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw libraryErrors.importManifestInvalid(folder, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return manifest.data;
}
