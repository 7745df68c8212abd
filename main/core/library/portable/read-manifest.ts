import { join } from 'node:path';
import { libraryErrors } from '../errors';
import {
  ExportManifest,
  ManifestHeader,
  manifestFileName,
  manifestFormatVersion,
  manifestMaxBytes,
} from './manifest';
import { NotPlainError, openPlainFile, readBounded } from './plain-files';

/**
 * The manifest's text, read only from a regular file (a link to /dev/zero or a FIFO would
 * otherwise be read without end, or wait forever) and never past its size limit.
 */
async function readManifestText(folder: string): Promise<string> {
  const path = join(folder, manifestFileName);
  let handle: Awaited<ReturnType<typeof openPlainFile>>;
  try {
    handle = await openPlainFile(path);
  } catch (error) {
    const detail =
      error instanceof NotPlainError
        ? `${manifestFileName} is a link or a special file, not a plain file`
        : `no readable ${manifestFileName}`;
    throw libraryErrors.importManifestInvalid(folder, detail, error);
  }
  try {
    const tooLarge = () =>
      libraryErrors.importManifestInvalid(
        folder,
        `${manifestFileName} is larger than ${manifestMaxBytes / 2 ** 20} MiB`,
      );
    if ((await handle.stat()).size > manifestMaxBytes) throw tooLarge();
    const bytes = await readBounded(handle, manifestMaxBytes);
    if (!bytes) throw tooLarge();
    return bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Reads and checks the manifest of an export folder; nothing in it is trusted before this. */
export async function readManifest(folder: string): Promise<ExportManifest> {
  const text = await readManifestText(folder);
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
