import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { OffstreamBridge, PlaybackSource } from '../../../main/contract/index';
import { currentUid, initialLoop, loopReducer, nothingToPlay } from './kiosk-loop';
import { loadKioskSetup, type Outside } from './load-playlist';

/** Pause before moving past a broken video: long enough to not spin, short enough to not stall. */
export const SKIP_DELAY_MS = 1_500;
export const RETRY_EMPTY_MS = 30_000;
/** Asked a little after a window edge, so the backend's clock is surely past it. */
const EDGE_MARGIN_MS = 250;
/** setTimeout holds at most 2^31-1 ms (about 24 days); a longer wait is taken in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs the kiosk playlist: loads it, fetches each video's source in turn, moves on when a
 * video ends, skips one that fails, and when nothing can play reloads the playlist every 30 s.
 */
export function useKioskLoop(bridge: OffstreamBridge) {
  const [loop, dispatch] = useReducer(loopReducer, initialLoop);
  const [pinSet, setPinSet] = useState(true);
  const [outside, setOutside] = useState<Outside | null>(null);
  // A fresh object per load, so the same delay twice still sets a new timer.
  const [change, setChange] = useState<{ inMs: number } | null>(null);
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
      setOutside(setup.outside);
      setChange(setup.changeInMs === null ? null : { inMs: setup.changeInMs });
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
    if (!resting || outside) return;
    const timer = setInterval(load, RETRY_EMPTY_MS);
    return () => clearInterval(timer);
  }, [resting, outside, load]);

  // The schedule is asked again at its next edge only: no polling in between.
  useEffect(() => {
    if (change === null) return;
    const timer = setTimeout(load, Math.min(change.inMs + EDGE_MARGIN_MS, LONGEST_TIMER_MS));
    return () => clearTimeout(timer);
  }, [change, load]);

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
    nothing: resting && !outside,
    outside,
    pinSet,
    playing: () => dispatch({ type: 'playing' }),
    ended: () => dispatch({ type: 'ended' }),
    failed: () => dispatch({ type: 'failed' }),
    /** The video stood still: recorded in main (the watchdog's log), then skipped as failed. */
    stalled: (seconds: number) => {
      if (uid !== undefined) void bridge.invoke('kiosk:video-stalled', { uid, seconds });
      dispatch({ type: 'failed' });
    },
  };
}
