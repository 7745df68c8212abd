/** "m:ss" or "h:mm:ss"; unknown durations (NaN, Infinity) read as 0:00. */
export function formatTime(seconds: number): string {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A duration the slider and the position store can use: 0 until the file says otherwise. */
export function knownDuration(video: HTMLMediaElement): number {
  return Number.isFinite(video.duration) && video.duration > 0 ? video.duration : 0;
}
