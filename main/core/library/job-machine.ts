import type { ActiveJobState, JobState } from './types';
import { activeJobStates } from './types';

export function isActive(state: JobState): state is ActiveJobState {
  return (activeJobStates as readonly JobState[]).includes(state);
}

/**
 * The moves the download job state machine may make (design.md, "The download job"). Active
 * states may move among themselves (a signed URL skips requesting, a failed verification goes
 * back to downloading). Only verifying completes a job, or downloading when the finished file is
 * found already renamed into media/ after a crash (adopted, hashed, never re-fetched).
 * Paused is reached from active or waiting jobs.
 */
export function canTransition(from: JobState, to: JobState): boolean {
  if (to === 'removed') return from !== 'removed';
  switch (from) {
    case 'queued':
    case 'requesting':
    case 'preparing':
    case 'downloading':
    case 'verifying':
      return (
        isActive(to) ||
        ['waiting', 'paused', 'failed'].includes(to) ||
        (to === 'complete' && (from === 'verifying' || from === 'downloading'))
      );
    case 'waiting':
      return isActive(to) || ['waiting', 'paused', 'failed'].includes(to);
    case 'paused':
      return isActive(to) || to === 'failed';
    case 'complete':
    case 'failed':
    case 'removed':
      return to === 'queued';
  }
}
