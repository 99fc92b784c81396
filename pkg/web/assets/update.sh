#!/usr/bin/env bash
# Refreshes the vendored front-end files (run by `make assets`): installs the packages
# pinned in package.json and package-lock.json into a scratch folder with `npm ci`, and
# copies exactly the files kitacert serves, with their licences, into vendor/. The
# committed vendor/ is what runs; `go run ./cmd/kitacert serve` needs no npm.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --silent)
nm="$work/node_modules"
out="$here/vendor"
rm -rf "$out"
mkdir -p "$out/kern/fonts/fira-sans" "$out/htmx" "$out/licenses"

# KERN UX (EUPL-1.2): the stylesheet and the Fira Sans faces its font sheet names.
cp "$nm/@kern-ux/native/dist/kern.min.css" "$out/kern/"
cp "$nm/@kern-ux/native/dist/fonts/fira-sans.css" "$out/kern/fonts/"
grep -o 'fira-sans/[A-Za-z-]*\.woff2' "$nm/@kern-ux/native/dist/fonts/fira-sans.css" | sort -u |
  while read -r f; do cp "$nm/@kern-ux/native/dist/fonts/$f" "$out/kern/fonts/$f"; done
cp "$nm/@kern-ux/native/LICENSE.md" "$out/licenses/kern-ux-native.EUPL-1.2.md"
# Fira Sans ships without its licence in KERN's package; it is the SIL OFL 1.1.
cp "$nm/@fontsource/fira-sans/LICENSE" "$out/licenses/fira-sans.OFL-1.1.txt"

# htmx (BSD Zero Clause).
cp "$nm/htmx.org/dist/htmx.min.js" "$out/htmx/"
cp "$nm/htmx.org/LICENSE" "$out/licenses/htmx.0BSD.txt"

# What is here, pinned: name, version and the registry's integrity of each package.
node -e '
const lock = require(process.argv[1]);
const lines = Object.entries(lock.packages).filter(([k]) => k).map(([k, v]) =>
  `${k.replace("node_modules/", "")} ${v.version} ${v.license || ""} ${v.integrity}`);
console.log(lines.join("\n"));' "$here/package-lock.json" > "$out/VERSIONS"
echo "vendored into $out:"; (cd "$out" && find . -type f | sort)
