/**
 * Figures as the person's locale writes them, all through Intl: digits, separators, unit names
 * and date order differ (e.g. "4,1 MB/s" in German, "م.ب" for MB in Arabic).
 */
const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

function scaled(bytes: number): {
  value: number;
  unit: (typeof byteUnits)[number];
  digits: number;
} {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return { value, unit: byteUnits[unit] ?? 'byte', digits };
}

/** Decimal units, as disks and download speeds are usually labelled. */
export function formatBytes(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const { value, unit, digits } = scaled(bytes);
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'narrow' : 'short',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatSpeed(bytesPerSecond: number, locale: string): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) return '—';
  const { value, unit, digits } = scaled(bytesPerSecond);
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: `${unit}-per-second`,
    unitDisplay: 'short',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Video length as a clock: 4:05 or 1:02:03, in the locale's digits. */
export function formatDuration(seconds: number, locale: string): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(locale, { useGrouping: false });
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = two.format(total % 60);
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${s}` : `${one.format(m)}:${s}`;
}

/** Time left, split for the catalogue's words: under a minute in seconds, else hours and minutes. */
export function timeLeftParts(
  seconds: number,
): { seconds: number } | { hours: number; minutes: number } | null {
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) return { seconds: Math.max(1, Math.round(seconds)) };
  const minutes = Math.round(seconds / 60);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatClock(epochMs: number, locale: string): string {
  return new Date(epochMs).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

export function formatPercent(percent: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    percent / 100,
  );
}
