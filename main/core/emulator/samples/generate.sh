#!/usr/bin/env bash
# Regenerates the demo library's sample media (committed; tests do not run this).
# Each sample: H.264 + AAC MP4 with faststart, its audio-only M4A, and a JPEG thumbnail.
set -euo pipefail
cd "$(dirname "$0")"
make_sample() { # name, video source filter, tone frequency (Hz), seconds
  local name=$1 source=$2 tone=$3 seconds=$4
  ffmpeg -loglevel error -y \
    -f lavfi -i "${source}=size=426x240:rate=24:duration=${seconds}" \
    -f lavfi -i "sine=frequency=${tone}:sample_rate=44100:duration=${seconds}" \
    -c:v libx264 -profile:v main -preset veryslow -crf 34 -pix_fmt yuv420p -g 48 \
    -c:a aac -b:a 48k -movflags +faststart -shortest "${name}.mp4"
  ffmpeg -loglevel error -y -i "${name}.mp4" -vn -c:a copy -movflags +faststart "${name}.m4a"
  ffmpeg -loglevel error -y -ss 1 -i "${name}.mp4" -frames:v 1 -q:v 5 "${name}.jpg"
}
make_sample alpine testsrc2 440 12
make_sample harbour testsrc 523 10
make_sample keynote smptebars 330 8
make_sample waves rgbtestsrc 262 10
