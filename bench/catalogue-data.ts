import type { Video } from '../main/core/stream/schemas';

/**
 * A believable Stream account: names like people give their uploads (meetings, courses, drone
 * footage, camera file names), sizes and durations that go together, five years of uploads.
 */
const events = [
  'Quarterly review',
  'All-hands',
  'Weekly standup',
  'Product launch',
  'Customer interview',
  'Board meeting',
  'Town hall',
  'Sprint demo',
  'Onboarding session',
  'Keynote',
  'Panel discussion',
  'Workshop',
  'Webinar',
  'Training',
  'Retrospective',
  'Fireside chat',
];
const topics = [
  'sales',
  'marketing',
  'engineering',
  'security',
  'finance',
  'design',
  'support',
  'recruiting',
  'infrastructure',
  'analytics',
  'compliance',
  'partnerships',
  'roadmap',
  'pricing',
  'accessibility',
  'onboarding',
  'performance',
  'migration',
  'observability',
  'localisation',
];
const adjectives = [
  'Aerial',
  'Golden',
  'Misty',
  'Snowy',
  'Quiet',
  'Stormy',
  'Autumn',
  'Spring',
  'Midnight',
  'Sunrise',
  'Sunset',
  'Frozen',
  'Rainy',
  'Hidden',
  'Ancient',
  'Crystal',
];
const subjects = [
  'lake',
  'harbour',
  'glacier',
  'vineyard',
  'waterfall',
  'canyon',
  'lighthouse',
  'market',
  'cathedral',
  'forest',
  'coastline',
  'volcano',
  'skyline',
  'bridge',
  'meadow',
  'desert',
  'river delta',
  'mountain pass',
  'old town',
  'rice terraces',
];
const places = [
  'Patagonia',
  'Iceland',
  'Zürich',
  'Kyoto',
  'Lisbon',
  'Dolomites',
  'São Paulo',
  'Cape Town',
  'Vancouver',
  'Marrakech',
  'Tasmania',
  'Lofoten',
  'Hokkaido',
  'Sicily',
  'Québec',
  'Bergen',
  'Oaxaca',
  'Kraków',
  'Reykjavík',
  'Queenstown',
];
const courses = [
  'Intro to TypeScript',
  'Advanced SQL',
  'Watercolour basics',
  'Sourdough baking',
  'Guitar for beginners',
  'Public speaking',
  'Machine learning',
  'Photography lighting',
  'Spanish conversation',
  'Yoga flow',
  'Piano scales',
  'Home electrics',
  'Negotiation skills',
  'Data visualisation',
];
const extras = ['4K', 'HDR', 'drone', 'timelapse', 'raw cut', 'final', 'v2', 'director’s cut'];
const resolutions: [number, number][] = [
  [3840, 2160],
  [2560, 1440],
  [1920, 1080],
  [1280, 720],
  [1080, 1920],
  [854, 480],
];

/** Every distinct word of the names, for building search queries. */
export const vocabulary: readonly string[] = [
  ...new Set(
    [...events, ...topics, ...adjectives, ...subjects, ...places, ...courses, ...extras]
      .flatMap((phrase) => phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u))
      .filter((word) => word.length >= 2),
  ),
];

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function videoName(random: Random, index: number): string {
  const year = 2021 + Math.floor(random() * 5);
  const n = 1 + Math.floor(random() * 12);
  switch (index % 6) {
    case 0:
      return `${pick(random, events)}: ${pick(random, topics)} ${year} Q${1 + (n % 4)}`;
    case 1:
      return `${pick(random, adjectives)} ${pick(random, subjects)} in ${pick(random, places)} (${pick(random, extras)})`;
    case 2:
      return `${pick(random, courses)} – lesson ${n}`;
    case 3:
      return `${pick(random, events)} with the ${pick(random, places)} ${pick(random, topics)} team`;
    case 4:
      return `${pick(random, ['IMG', 'GX01', 'DJI', 'MVI', 'VID'])}_${String(index).padStart(6, '0')}`;
    default:
      return `${pick(random, places)} ${pick(random, subjects)} ${pick(random, extras)} ${year}`;
  }
}

function hex(random: Random, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

const fiveYearsMs = 5 * 365 * 24 * 3600 * 1000;
const firstUpload = Date.UTC(2021, 0, 1);

/** Video number `index`, as the list endpoint would return it. */
export function syntheticVideo(random: Random, index: number): Video {
  // The index in the uid keeps uids unique whatever the generator draws.
  const uid = `${index.toString(16).padStart(8, '0')}${hex(random, 24)}`;
  const created = new Date(firstUpload + Math.floor(random() * fiveYearsMs)).toISOString();
  const duration = Math.round((5 + random() * 7200) * 10) / 10;
  const [width, height] = pick(random, resolutions);
  const bitsPerSecond = (width * height * 30) / 10;
  const delivery = 'https://customer-f33zs165nr7gyfy4.cloudflarestream.com';
  const ready = random() > 0.01;
  return {
    uid,
    meta: { name: videoName(random, index), filename: `upload-${index}.mp4` },
    created,
    modified: created,
    duration: ready ? duration : -1,
    size: Math.round((duration * bitsPerSecond) / 8),
    input: { width, height },
    thumbnail: `${delivery}/${uid}/thumbnails/thumbnail.jpg`,
    playback: {
      hls: `${delivery}/${uid}/manifest/video.m3u8`,
      dash: `${delivery}/${uid}/manifest/video.mpd`,
    },
    readyToStream: ready,
    status: ready ? { state: 'ready', pctComplete: '100.000000' } : { state: 'inprogress' },
    requireSignedURLs: random() < 0.2,
    allowedOrigins: [],
  };
}
