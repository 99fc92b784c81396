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

# KERN UX (EUPL-1.2): the stylesheet.
cp "$nm/@kern-ux/native/dist/kern.min.css" "$out/kern/"
cp "$nm/@kern-ux/native/LICENSE.md" "$out/licenses/kern-ux-native.EUPL-1.2.md"

# Fira Sans (SIL OFL 1.1) from @fontsource/fira-sans: only the latin subset (German text
# needs nothing else) and only the weights KERN's stylesheet and app.css use (400, 500,
# 600, 700; no italics, which KERN does not set), ~25 KB each instead of KERN's full glyph
# sets (~130-150 KB each). The @font-face rules are fontsource's own, with its
# unicode-range, rewritten to the woff2 files here; the path stays kern/fonts/fira-sans.css.
fs="$nm/@fontsource/fira-sans"
{
  echo "/* Fira Sans, latin subset, from @fontsource/fira-sans (written by update.sh) */"
  for w in 400 500 600 700; do
    f="fira-sans-latin-$w-normal.woff2"
    cp "$fs/files/$f" "$out/kern/fonts/fira-sans/$f"
    awk -v m="/* fira-sans-latin-$w-normal */" 'index($0, m) {p=1} p {print} p && /^}/ {exit}' "$fs/$w.css" |
      sed -E "s#^  src: .*#  src: url(\"./fira-sans/$f\") format('woff2');#"
  done
} > "$out/kern/fonts/fira-sans.css"
cp "$fs/LICENSE" "$out/licenses/fira-sans.OFL-1.1.txt"

# htmx (BSD Zero Clause).
cp "$nm/htmx.org/dist/htmx.min.js" "$out/htmx/"
cp "$nm/htmx.org/LICENSE" "$out/licenses/htmx.0BSD.txt"

# axe-core (MPL-2.0) checks accessibility in the browser tests only: it goes to
# pkg/web/testdata, never into vendor/ (which is embedded in the binary).
axe="$here/../testdata/axe-core"
rm -rf "$axe"; mkdir -p "$axe"
cp "$nm/axe-core/axe.min.js" "$axe/"
cp "$nm/axe-core/LICENSE" "$axe/LICENSE.MPL-2.0.txt"
node -e 'const l = require(process.argv[1]).packages["node_modules/axe-core"];
console.log(`axe-core ${l.version} ${l.license} ${l.integrity}`);' "$here/package-lock.json" > "$axe/VERSIONS"

# What is here, pinned: name, version and the registry's integrity of each package.
node -e '
const lock = require(process.argv[1]);
const lines = Object.entries(lock.packages).filter(([k, v]) => k && !v.dev).map(([k, v]) =>
  `${k.replace("node_modules/", "")} ${v.version} ${v.license || ""} ${v.integrity}`);
console.log(lines.join("\n"));' "$here/package-lock.json" > "$out/VERSIONS"
echo "vendored into $out:"; (cd "$out" && find . -type f | sort)
