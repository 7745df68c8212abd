import { z } from 'zod';

/** Cloudflare video UIDs and account ids: 32 lowercase hex characters. */
export const VideoUid = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'a video uid is 32 lowercase hex characters');
export type VideoUid = z.infer<typeof VideoUid>;

export const AccountId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'an account id is 32 lowercase hex characters');
export type AccountId = z.infer<typeof AccountId>;

/** The two downloadable renditions: `default` is the MP4, `audio` the M4A. */
export const DownloadKind = z.enum(['default', 'audio']);
export type DownloadKind = z.infer<typeof DownloadKind>;

export const downloadFileName: Record<DownloadKind, string> = {
  default: 'default.mp4',
  audio: 'audio.m4a',
};

/** BCP 47-ish caption language tags (`en`, `pt-BR`); never allowed to carry path characters. */
export const CaptionLanguage = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

export function isVideoUid(value: string): value is VideoUid {
  return VideoUid.safeParse(value).success;
}
