import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir, sampleVideos } from '../../main/core/emulator/samples/catalog';
import { isVideoUid } from '../../main/core/stream/ids';
import { checkMp4File } from '../../main/core/transfer/mp4-boxes';

interface ProbedStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
}

function probe(path: string): { streams: ProbedStream[]; format: { duration: string } } {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

describe('sample library media', () => {
  it('has unique, valid uids and at least one private and one captioned video', () => {
    const uids = sampleVideos.map((v) => v.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.every(isVideoUid)).toBe(true);
    expect(sampleVideos.some((v) => v.requireSignedURLs)).toBe(true);
    expect(sampleVideos.some((v) => v.captions.length > 0)).toBe(true);
  });

  describe.each(sampleVideos.map((v) => [v.name, v] as const))('%s', (_name, video) => {
    const path = (ext: string) => join(samplesDir, `${video.file}.${ext}`);

    it('is a small H.264 + AAC MP4 of the catalogued size and length, moov first', async () => {
      expect(statSync(path('mp4')).size).toBeLessThan(400 * 1024);
      const { streams, format } = probe(path('mp4'));
      const videoStream = streams.find((s) => s.codec_type === 'video');
      expect(videoStream).toMatchObject({
        codec_name: 'h264',
        width: video.width,
        height: video.height,
      });
      expect(streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
      expect(Number(format.duration)).toBeCloseTo(video.duration, 0);
      const boxes = await checkMp4File(path('mp4'));
      const types = boxes.ok ? boxes.boxes.map((b) => b.type) : [];
      expect(types.indexOf('moov')).toBeGreaterThan(-1);
      expect(types.indexOf('moov')).toBeLessThan(types.indexOf('mdat'));
    });

    it('has an audio-only M4A', () => {
      const { streams } = probe(path('m4a'));
      expect(streams.map((s) => s.codec_name)).toEqual(['aac']);
    });

    it('has a JPEG thumbnail', () => {
      const bytes = readFileSync(path('jpg'));
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(probe(path('jpg')).streams[0]?.codec_name).toBe('mjpeg');
    });
  });

  const captioned = sampleVideos.flatMap((v) =>
    v.captions.map((c) => [v.file, c.language] as const),
  );
  it.each(captioned)('%s has a WebVTT caption file for %s', (file, language) => {
    const text = readFileSync(join(samplesDir, `${file}.${language}.vtt`), 'utf8');
    expect(text.startsWith('WEBVTT')).toBe(true);
    expect(text).toMatch(/\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}/);
  });
});
