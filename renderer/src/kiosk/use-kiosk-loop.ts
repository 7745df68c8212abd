import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { OffstreamBridge, PlaybackSource } from '../../../main/contract/index';
import { currentUid, initialLoop, loopReducer, nothingToPlay } from './kiosk-loop';
import { loadKioskSetup } from './load-playlist';

/** Pause before moving past a broken video: long enough to not spin, short enough to not stall. */
export const SKIP_DELAY_MS = 1_500;
export const RETRY_EMPTY_MS = 30_000;

/**
 * Runs the kiosk playlist: loads it, fetches each video's source in turn, moves on when a
 * video ends, skips one that fails, and when nothing can play reloads the playlist every 30 s.
 */
export function useKioskLoop(bridge: OffstreamBridge) {
  const [loop, dispatch] = useReducer(loopReducer, initialLoop);
  const [pinSet, setPinSet] = useState(true);
  // Tagged with its turn, so a render between turns never shows the previous video again.
  const [loaded, setLoaded] = useState<{ turn: number; source: PlaybackSource } | null>(null);
  const mounted = useRef(true);
  const nothing = nothingToPlay(loop);
  const resting = nothing || loop.resting;
  const uid = currentUid(loop);
  const turn = loop.turn;

  const load = useCallback(() => {
    void loadKioskSetup(bridge).then((setup) => {
      if (!mounted.current) return;
      setPinSet(setup.pinSet);
      dispatch({ type: 'loaded', uids: setup.uids });
    });
  }, [bridge]);

  useEffect(() => {
    mounted.current = true;
    load();
    return () => {
      mounted.current = false;
    };
  }, [load]);

  useEffect(() => {
    if (!resting) return;
    const timer = setInterval(load, RETRY_EMPTY_MS);
    return () => clearInterval(timer);
  }, [resting, load]);

  useEffect(() => {
    if (!loop.skipping || nothing) return;
    const timer = setTimeout(() => dispatch({ type: 'skip' }), SKIP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [loop.skipping, nothing]);

  useEffect(() => {
    if (uid === undefined) return;
    let live = true;
    void bridge.invoke('playback:source', { uid }).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setLoaded({ turn, source: outcome.value });
      else dispatch({ type: 'failed' });
    });
    return () => {
      live = false;
    };
  }, [bridge, uid, turn]);

  return {
    source: uid !== undefined && loaded?.turn === turn ? loaded.source : null,
    turn,
    nothing: resting,
    pinSet,
    playing: () => dispatch({ type: 'playing' }),
    ended: () => dispatch({ type: 'ended' }),
    failed: () => dispatch({ type: 'failed' }),
  };
}
