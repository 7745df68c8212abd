import { describe, expect, it } from 'vitest';
import { accountDeliveryOrigins } from '../../main/core/stream/delivery-origins';
import { Video } from '../../main/core/stream/schemas';

const uid = 'ea95132c15732412d22c1476fa83f27a';
const host = 'https://customer-f33zs165nr7gyfy4.cloudflarestream.com';

describe('the account’s delivery origins', () => {
  it('are the hosts its API names for the video, and Cloudflare’s legacy host', () => {
    const video = Video.parse({
      uid,
      created: '2026-01-01T00:00:00Z',
      readyToStream: true,
      status: { state: 'ready' },
      thumbnail: `${host}/${uid}/thumbnails/thumbnail.jpg`,
      playback: { hls: `${host}/${uid}/manifest/video.m3u8` },
    });
    const origins = accountDeliveryOrigins(video, {
      default: {
        status: 'ready',
        percentComplete: 100,
        url: `${host}/${uid}/downloads/default.mp4`,
      },
    });
    expect([...origins].sort()).toEqual([host, 'https://videodelivery.net']);
  });

  it('name no other host when the API names none (a video of another account)', () => {
    expect([...accountDeliveryOrigins(undefined)]).toEqual(['https://videodelivery.net']);
  });
});
