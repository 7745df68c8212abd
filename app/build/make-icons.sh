#!/usr/bin/env bash
# Rasterizes app/build/icon.svg into every icon electron-builder packs: the Linux icon set
# (icons/NxN.png), icon.png (1024), icon.icns (macOS) and icon.ico (Windows).
# The outputs are committed; run this again only after editing icon.svg.
# Needs Debian's librsvg2-bin (rsvg-convert) and icoutils (icotool), and Node for write-icns.mjs.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
command -v icotool >/dev/null || missing+=(icoutils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "make-icons: install first: apt-get install ${missing[*]}" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() {
  rsvg-convert --width "$1" --height "$1" icon.svg --output "$2"
}

rm -rf icons
mkdir icons
for size in 16 24 32 48 64 128 256 512 1024; do
  render "$size" "$work/$size.png"
done
for size in 16 32 48 64 128 256 512 1024; do
  cp "$work/$size.png" "icons/${size}x${size}.png"
done
cp "$work/1024.png" icon.png

node write-icns.mjs icon.icns "$work"

# Windows shows 16 to 48 in lists and 256 in large views; 256 is stored as PNG (-r) as Vista+ expects.
icotool --create --output icon.ico "$work"/{16,24,32,48,64,128}.png --raw "$work/256.png"

echo "make-icons: wrote icon.png, icon.icns, icon.ico and icons/ in $(pwd)"
