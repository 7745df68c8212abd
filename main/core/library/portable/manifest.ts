import { z } from 'zod';
import { CaptionLanguage, VideoUid } from '../../stream/ids';
import { mediaPath } from '../paths';

export const manifestFileName = 'offstream-export.json';
export const manifestFormatName = 'offstream-export';
/** Bumped when an older Offstream could no longer read the manifest correctly. */
export const manifestFormatVersion = 1;
/** A manifest larger than this is not one Offstream wrote. */
export const manifestMaxBytes = 64 * 1024 * 1024;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestFile = z.object({
  role: z.enum(['default', 'audio', 'thumbnail', 'caption']),
  language: CaptionLanguage.nullable(),
  path: z.string().max(200),
  bytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  sha256: Sha256,
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const ManifestVideo = z.object({
  uid: VideoUid,
  name: z.string().max(1000),
  /** The catalogue's Video object as the API sent it, or null when the library had none. */
  video: z.unknown().nullable(),
  captions: z.array(z.object({ language: CaptionLanguage, label: z.string().max(200) })),
  files: z.array(ManifestFile).min(1).max(100),
});
export type ManifestVideo = z.infer<typeof ManifestVideo>;

/** Read first, so a newer format is named as such rather than as a broken manifest. */
export const ManifestHeader = z.object({
  format: z.literal(manifestFormatName),
  formatVersion: z.number().int().positive(),
});

/** The one place a stored path may come from: exactly where the library keeps that role. */
function expectedPath(uid: string, file: ManifestFile): string | undefined {
  if ((file.role === 'caption') !== (file.language !== null)) return undefined;
  return mediaPath(uid, file.role, file.language);
}

export const ExportManifest = z
  .object({
    format: z.literal(manifestFormatName),
    formatVersion: z.literal(manifestFormatVersion),
    schemaVersion: z.number().int().nonnegative(),
    createdAt: z.string().max(40),
    videos: z.array(ManifestVideo),
  })
  .superRefine((manifest, context) => {
    const uids = new Set<string>();
    manifest.videos.forEach((video, v) => {
      if (uids.has(video.uid)) {
        context.addIssue({ code: 'custom', message: 'video listed twice', path: ['videos', v] });
      }
      uids.add(video.uid);
      const paths = new Set<string>();
      video.files.forEach((file, f) => {
        const where = ['videos', v, 'files', f, 'path'];
        if (file.path !== expectedPath(video.uid, file) || paths.has(file.path)) {
          context.addIssue({ code: 'custom', message: `path "${file.path}" refused`, path: where });
        }
        paths.add(file.path);
      });
    });
  });
export type ExportManifest = z.infer<typeof ExportManifest>;
