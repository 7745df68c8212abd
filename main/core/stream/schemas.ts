import { z } from 'zod';
import { CaptionLanguage, VideoUid } from './ids';

/**
 * Shapes of Cloudflare Stream API responses (stream-api.md §0-§5). The client parses every
 * response with these; the emulator builds its responses to match them.
 */

export const ApiMessage = z.object({
  code: z.number().int(),
  message: z.string(),
  documentation_url: z.string().optional(),
  source: z.object({ pointer: z.string().optional() }).optional(),
});
export type ApiMessage = z.infer<typeof ApiMessage>;

export const FailureEnvelope = z.object({
  success: z.literal(false),
  errors: z.array(ApiMessage),
  messages: z.array(ApiMessage).optional(),
  result: z.unknown().optional(),
});

export function successEnvelope<T extends z.ZodType>(result: T) {
  return z.object({
    success: z.literal(true),
    errors: z.array(ApiMessage),
    messages: z.array(ApiMessage).optional(),
    result,
  });
}

/** Some fields are numbers in the docs and strings in older clients (stream-api.md §3.3). */
const NumberLike = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

export const VideoState = z.enum([
  'pendingupload',
  'downloading',
  'queued',
  'inprogress',
  'ready',
  'error',
  'live-inprogress',
]);
export type VideoState = z.infer<typeof VideoState>;

export const Video = z.object({
  uid: VideoUid,
  meta: z.record(z.string(), z.unknown()).default({}),
  creator: z.string().nullable().optional(),
  created: z.string(),
  modified: z.string().optional(),
  uploaded: z.string().nullable().optional(),
  duration: z.number().default(-1),
  size: z.number().optional(),
  input: z.object({ width: z.number(), height: z.number() }).optional(),
  thumbnail: z.string().url().optional(),
  thumbnailTimestampPct: z.number().optional(),
  preview: z.string().url().optional(),
  playback: z.object({ hls: z.string().optional(), dash: z.string().optional() }).optional(),
  readyToStream: z.boolean(),
  readyToStreamAt: z.string().nullable().optional(),
  status: z.object({
    state: VideoState,
    pctComplete: z.string().optional(),
    errorReasonCode: z.string().optional(),
    errorReasonText: z.string().optional(),
    step: z.string().optional(),
  }),
  requireSignedURLs: z.boolean().default(false),
  allowedOrigins: z.array(z.string()).default([]),
  scheduledDeletion: z.string().nullable().optional(),
});
export type Video = z.infer<typeof Video>;

export const VideoListPage = successEnvelope(z.array(Video)).extend({
  range: NumberLike.optional(),
  total: NumberLike.optional(),
});

export const DownloadEntry = z.object({
  status: z.enum(['inprogress', 'ready', 'error']),
  percentComplete: z.number().min(0).max(100),
  url: z.string().url().optional(),
});
export type DownloadEntry = z.infer<typeof DownloadEntry>;

export const Downloads = z.object({
  default: DownloadEntry.optional(),
  audio: DownloadEntry.optional(),
});
export type Downloads = z.infer<typeof Downloads>;

export const SignedToken = z.object({ token: z.string().min(1) });

export const Caption = z.object({
  language: CaptionLanguage,
  label: z.string(),
  generated: z.boolean().optional(),
  status: z.enum(['ready', 'inprogress', 'error']).optional(),
});
export type Caption = z.infer<typeof Caption>;

export const TokenVerification = z.object({ id: z.string(), status: z.string() });

/** One signed-token access rule (stream-api.md §4.1); Cloudflare accepts at most five. */
export const AccessRule = z.object({
  type: z.enum(['any', 'ip.src', 'ip.geoip.country']),
  action: z.enum(['allow', 'block']),
  ip: z.array(z.string()).optional(),
  country: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
});
export type AccessRule = z.infer<typeof AccessRule>;
