import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../atomic-file';
import { directHttpStack } from '../http/http-stack';
import { type Job, mediaPath, scratchPath } from '../library/index';
import { parseDeliveryUrl } from '../stream/signed-url';
import type { JobRunDeps } from './job-run';

const maxThumbnailBytes = 5 * 1024 * 1024;
const fetchTimeoutMs = 30_000;

type CompanionDeps = Pick<JobRunDeps, 'library' | 'stream' | 'events' | 'logger' | 'transfer'>;

/**
 * Saves what offline viewing needs besides the video: its thumbnail and its ready captions.
 * Best effort: a missing caption never fails the video; what failed is reported, not thrown.
 */
export async function saveCompanions(
  deps: CompanionDeps,
  uid: string,
  job: Job,
  signal: AbortSignal,
): Promise<void> {
  const present = new Set(
    deps.library
      .getFiles(uid)
      .filter((f) => f.status === 'present')
      .map((f) => f.path),
  );
  const attempts: [string, () => Promise<void>][] = [
    ['thumbnail', () => saveThumbnail(deps, uid, job, signal)],
    ['captions', () => saveCaptions(deps, uid, present, signal)],
  ];
  for (const [what, attempt] of attempts) {
    if (what === 'thumbnail' && present.has(mediaPath(uid, 'thumbnail'))) continue;
    try {
      await attempt();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.logger.warn('companion not saved', { uid, what, reason });
      deps.events.emit('companion', { uid, what, saved: false, reason });
    }
  }
}

async function saveThumbnail(deps: CompanionDeps, uid: string, job: Job, signal: AbortSignal) {
  const url = await thumbnailUrl(deps, uid, job, signal);
  if (!url) return;
  const http = deps.transfer.http ?? directHttpStack();
  const answer = await http.getBody(new URL(url), {
    accept: 'image/jpeg',
    maxBytes: maxThumbnailBytes,
    headersTimeoutMs: fetchTimeoutMs,
    signal: AbortSignal.any([signal, AbortSignal.timeout(fetchTimeoutMs)]),
  });
  if (answer.status !== 200) throw new Error(`thumbnail answered HTTP ${answer.status}`);
  const bytes = answer.body;
  if (bytes.length < 3 || bytes.readUIntBE(0, 3) !== 0xffd8ff) {
    throw new Error('the thumbnail is not a JPEG image');
  }
  await storeFile(deps, uid, mediaPath(uid, 'thumbnail'), bytes, { role: 'thumbnail' });
}

/** The delivery host's thumbnail for this video, signed when the video is private. */
async function thumbnailUrl(deps: CompanionDeps, uid: string, job: Job, signal: AbortSignal) {
  if (!job.sourceUrl) return undefined;
  const link = parseDeliveryUrl(job.sourceUrl);
  const video = deps.library.getVideo(uid);
  let subject = link.subject.kind === 'token' ? link.subject.token : uid;
  if (job.source === 'api' && video?.requireSignedUrls && deps.stream) {
    subject = await deps.stream.mintSignedToken(uid, { downloadable: false }, { signal });
  }
  return `${link.origin}/${subject}/thumbnails/thumbnail.jpg`;
}

async function saveCaptions(
  deps: CompanionDeps,
  uid: string,
  present: Set<string>,
  signal: AbortSignal,
) {
  if (!deps.stream) return;
  const captions = await deps.stream.listCaptions(uid, { signal });
  const ready = captions.filter((c) => c.status === undefined || c.status === 'ready');
  for (const caption of ready) {
    const path = mediaPath(uid, 'caption', caption.language);
    if (present.has(path)) continue;
    const vtt = await deps.stream.getCaptionVtt(uid, caption.language, { signal });
    await storeFile(deps, uid, path, Buffer.from(vtt, 'utf8'), {
      role: 'caption',
      language: caption.language,
    });
  }
  deps.library.setCaptions(
    uid,
    ready.map((c) => ({ language: c.language, label: c.label })),
  );
}

/** Written through a scratch file in .partial, so a crash never leaves half a file in media/. */
async function storeFile(
  deps: CompanionDeps,
  uid: string,
  relativePath: string,
  bytes: Buffer,
  row: { role: 'thumbnail' | 'caption'; language?: string },
): Promise<void> {
  const target = deps.library.resolvePath(relativePath);
  await mkdir(dirname(target), { recursive: true });
  await writeFileAtomic(target, bytes, { temp: scratchPath(deps.library.folder, 'companion') });
  deps.library.addFile({
    uid,
    ...row,
    path: relativePath,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  deps.events.emit('companion', {
    uid,
    what: relativePath.split('/').slice(2).join('/'),
    saved: true,
  });
}
