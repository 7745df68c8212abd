import { useEffect, useState } from 'react';
import type { OffstreamBridge, PlaybackSource, Problem } from '../../../main/contract/index';

export type SourceState =
  | { status: 'loading' }
  | { status: 'ready'; source: PlaybackSource }
  | { status: 'failed'; problem: Problem };

/** Asks main where a saved video's files are (as media ids) and where playback stopped. */
export function usePlaybackSource(bridge: OffstreamBridge, uid: string): SourceState {
  const [state, setState] = useState<SourceState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void bridge.invoke('playback:source', { uid }).then((outcome) => {
      if (!live) return;
      setState(
        outcome.ok
          ? { status: 'ready', source: outcome.value }
          : { status: 'failed', problem: outcome.error },
      );
    });
    return () => {
      live = false;
    };
  }, [bridge, uid]);
  return state;
}
