#!/bin/sh
# Makes the PNG and ICO copies of public/icon.svg. Run it after changing the icon, then commit
# the results. Needs rsvg-convert and icotool (Debian: apt-get install librsvg2-bin icoutils).
set -eu
cd "$(dirname "$0")/../public"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The manifest's icons keep the rounded corners; iOS rounds the apple-touch-icon itself, so that one
# is square, its corners filled with the icon's own background colour.
rsvg-convert -w 192 -h 192 icon.svg -o icon-192.png
rsvg-convert -w 512 -h 512 icon.svg -o icon-512.png
rsvg-convert -w 180 -h 180 --background-color '#005f5a' icon.svg -o apple-touch-icon.png
for size in 16 32 48; do rsvg-convert -w $size -h $size icon.svg -o "$tmp/$size.png"; done
icotool -c -o favicon.ico "$tmp/16.png" "$tmp/32.png" "$tmp/48.png"
