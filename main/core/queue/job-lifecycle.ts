import {
  type ActiveJobState,
  activeJobStates,
  type Job,
  type JobPatch,
  type JobState,
} from '../library/index';

/**
 * Everything that can happen to a download job (design.md, "The download job"): the runner's
 * own steps, the outcome of a failure, and what a person or the app asks for.
 */
export type JobEvent =
  /** The runner picks up a queued job: a signed link skips requesting the MP4. */
  | { type: 'begin' }
  /** Cloudflare is generating the file (requesting → preparing, or a new percentage). */
  | { type: 'preparing' }
  /** Cloudflare's answer no longer lists the download: ask for it again. */
  | { type: 'forgotten' }
  /** The file is ready at its URL. */
  | { type: 'ready' }
  /** Every byte is in the .part (or a figure of it changed while downloading). */
  | { type: 'received' }
  | { type: 'measured' }
  /** Length, boxes and hash check out, and the file is in media/. */
  | { type: 'saved' }
  /** The runner stopped on an error; decisions.ts said what happens next. */
  | { type: 'stopped'; next: 'wait' | 'pause' | 'fail' }
  | { type: 'pause' }
  | { type: 'resume' }
  /** The download window closed: the job waits for it to open again. */
  | { type: 'hold' }
  /** A waiting job's time has come (or the network is back). */
  | { type: 'wake' }
  | { type: 'retry' }
  /** Stops a job for good; its partial bytes go. */
  | { type: 'cancel' }
  /** Its files were removed from the device: a finished job must not outlive them. */
  | { type: 'retire' }
  /** Asked for again after it finished, failed or was removed (a new request, a new link). */
  | { type: 'again' };

export type JobEventType = JobEvent['type'];

/** What the queue must do beside persisting the move. */
export type JobEffect = 'run' | 'halt' | 'arm' | 'discard_partial';

export interface JobMove {
  to: JobState;
  /** The fields the move sets; the library persists them with the state, nothing else. */
  fields: Pick<
    JobPatch,
    'resumeState' | 'nextAttemptAt' | 'errorCode' | 'errorMessage' | 'errorAction'
  >;
  effects: JobEffect[];
}

type Position = Pick<Job, 'state' | 'resumeState' | 'source'>;

const active = activeJobStates as readonly JobState[];
const isActive = (state: JobState): state is ActiveJobState => active.includes(state);
const pausable = (state: JobState) => isActive(state) || state === 'waiting';
const finished = (state: JobState) => ['complete', 'failed', 'removed'].includes(state);

/**
 * The one transition function of a download job: from where it is and what happened to where
 * it goes, what it records and what the queue must do; undefined when the event cannot happen
 * there. Pure: the library persists the move, the queue carries out the effects.
 */
export function transition(job: Position, event: JobEvent): JobMove | undefined {
  const to = target(job, event);
  if (to === undefined) return undefined;
  return { to, fields: fieldsOf(job, to), effects: effectsOf(job, event, to) };
}

function target(job: Position, event: JobEvent): JobState | undefined {
  const { state } = job;
  const resumePoint = job.resumeState ?? 'queued';
  switch (event.type) {
    case 'begin':
      return state === 'queued'
        ? job.source === 'signed_url'
          ? 'downloading'
          : 'requesting'
        : undefined;
    case 'preparing':
      return state === 'requesting' || state === 'preparing' ? 'preparing' : undefined;
    case 'forgotten':
      return state === 'preparing' ? 'requesting' : undefined;
    case 'ready':
      return state === 'requesting' || state === 'preparing' ? 'downloading' : undefined;
    case 'received':
      return state === 'downloading' ? 'verifying' : undefined;
    case 'measured':
      return state === 'downloading' ? 'downloading' : undefined;
    case 'saved':
      // Downloading too: a file found already renamed into media/ after a crash is adopted.
      return state === 'downloading' || state === 'verifying' ? 'complete' : undefined;
    case 'stopped':
      if (!isActive(state)) return undefined;
      return event.next === 'wait' ? 'waiting' : event.next === 'pause' ? 'paused' : 'failed';
    case 'pause':
      return pausable(state) ? 'paused' : undefined;
    case 'resume':
      return state === 'paused' ? resumePoint : undefined;
    case 'hold':
      return pausable(state) ? 'waiting' : undefined;
    case 'wake':
      return state === 'waiting' ? resumePoint : undefined;
    case 'retry':
      return state === 'failed' ? 'queued' : state === 'waiting' ? resumePoint : undefined;
    case 'cancel':
      return pausable(state) || state === 'paused' || state === 'failed' ? 'removed' : undefined;
    case 'retire':
      return state === 'complete' ? 'removed' : undefined;
    case 'again':
      return finished(state) ? 'queued' : undefined;
  }
}

/** Waiting and pausing remember where to continue; moving on clears the problem and the alarm. */
function fieldsOf(job: Position, to: JobState): JobMove['fields'] {
  const stops = to === 'waiting' || to === 'paused';
  const fields: JobMove['fields'] = {
    resumeState: stops ? (isActive(job.state) ? job.state : job.resumeState) : null,
  };
  if (to !== 'waiting') fields.nextAttemptAt = null;
  if (isActive(to) || to === 'complete') {
    Object.assign(fields, { errorCode: null, errorMessage: null, errorAction: null });
  }
  return fields;
}

function effectsOf(job: Position, event: JobEvent, to: JobState): JobEffect[] {
  const effects: JobEffect[] = [];
  // A person's pause or cancel stops a running job; the runner's own moves need nothing.
  if (event.type === 'pause' || event.type === 'cancel') effects.push('halt');
  if (event.type === 'hold' && isActive(job.state)) effects.push('halt');
  if (event.type === 'cancel') effects.push('discard_partial');
  if (to === 'waiting') effects.push('arm');
  if (isActive(to) && !isActive(job.state)) effects.push('run');
  return effects;
}
