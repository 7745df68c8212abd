import { z } from 'zod';
import { DownloadKind, JobView, Problem, VideoUid } from './schemas';
import { UpdateReport } from './updates';

/** Everything main pushes to the renderer without being asked. */
export const events = {
  'job:progress': z.object({
    uid: VideoUid,
    kind: DownloadKind,
    bytesDone: z.number(),
    total: z.number().optional(),
    bytesPerSecond: z.number(),
    etaSeconds: z.number().optional(),
    percentPrepared: z.number().optional(),
    /** Byte ranges [start, end) held so far, while the file comes over several connections. */
    segments: z
      .array(z.tuple([z.number(), z.number()]))
      .max(64)
      .optional(),
  }),
  'job:state': JobView,
  'catalogue:changed': z.object({}),
  connectivity: z.object({ online: z.boolean() }),
  'library:problem': Problem,
  'library:move-progress': z.object({ bytesDone: z.number(), bytesTotal: z.number() }),
  'updates:status': UpdateReport,
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export const eventNames = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
