#!/usr/bin/env bash
# Copy Leaflet's dist files from the npm registry into the package's static files (issue #6).
# The web UI never loads anything from a CDN at run time; re-run this to update the vendored copy.
# Usage: scripts/vendor_leaflet.sh [version]   (needs npm and tar)
set -euo pipefail
VERSION="${1:-1.9.4}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/hudna/web/static/vendor/leaflet"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack "leaflet@$VERSION" >/dev/null 2>&1)
tar -xzf "$TMP/leaflet-$VERSION.tgz" -C "$TMP"
rm -rf "$DEST"
mkdir -p "$DEST/images"
cp "$TMP/package/dist/leaflet.js" "$TMP/package/dist/leaflet.css" "$DEST/"
cp "$TMP/package/dist/images/"*.png "$DEST/images/"
cp "$TMP/package/LICENSE" "$DEST/LICENSE"
echo "leaflet $VERSION (npm registry, BSD-2-Clause); sha256:" > "$DEST/VERSION"
(cd "$DEST" && sha256sum leaflet.js leaflet.css >> VERSION)
echo "vendored leaflet $VERSION into $DEST"
