/**
 * Where the kiosk loop stands. `turn` grows with every start, so a one-video playlist still
 * gets a fresh <video> each time round. `failures` counts videos that failed in a row: once
 * every item has failed, there is nothing to play until the next retry. `resting` keeps the
 * "Nothing to play" screen up through a retry until a video really plays, so it never flickers.
 */
export interface LoopState {
  uids: string[] | null;
  index: number;
  turn: number;
  failures: number;
  skipping: boolean;
  resting: boolean;
}

export type LoopAction =
  | { type: 'loaded'; uids: string[] }
  | { type: 'playing' }
  | { type: 'ended' }
  | { type: 'failed' }
  | { type: 'skip' };

export const initialLoop: LoopState = {
  uids: null,
  index: 0,
  turn: 0,
  failures: 0,
  skipping: false,
  resting: false,
};

export function loopReducer(state: LoopState, action: LoopAction): LoopState {
  const count = state.uids?.length ?? 0;
  const advance = (failures: number): LoopState => ({
    ...state,
    index: count > 0 ? (state.index + 1) % count : 0,
    turn: state.turn + 1,
    failures,
    skipping: false,
  });
  switch (action.type) {
    case 'loaded':
      // The same list again (a stand-in list asked anew, a window that follows with the same
      // list): the video on screen plays on rather than the list starting over.
      if (!state.resting && sameList(state.uids, action.uids)) return state;
      return {
        uids: action.uids,
        index: 0,
        turn: state.turn + 1,
        failures: 0,
        skipping: false,
        resting: state.resting || action.uids.length === 0,
      };
    case 'playing':
      return { ...state, failures: 0, resting: false };
    case 'ended':
      return advance(0);
    case 'failed': {
      if (state.skipping) return state;
      const failures = state.failures + 1;
      return { ...state, failures, skipping: true, resting: state.resting || failures >= count };
    }
    case 'skip':
      return advance(state.failures);
  }
}

/** Nothing left to try: an empty playlist, or every item failed since the last good play. */
export function nothingToPlay(state: LoopState): boolean {
  if (state.uids === null) return false;
  return state.uids.length === 0 || state.failures >= state.uids.length;
}

export function currentUid(state: LoopState): string | undefined {
  if (state.skipping || nothingToPlay(state)) return undefined;
  return state.uids?.[state.index];
}

function sameList(current: string[] | null, next: string[]): boolean {
  return (
    current !== null && current.length === next.length && current.every((u, i) => u === next[i])
  );
}
