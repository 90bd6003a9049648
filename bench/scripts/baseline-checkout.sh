#!/usr/bin/env bash
# Makes DIR a checkout of the commit bench/baseline.json (or BASELINE) was recorded at, built, for
# `iomtsim bench --compare BASELINE --beside DIR`: every entry is then compared with that commit run
# in DIR beside this build, on this machine at this time, and one found slower is run again
# alternately in both (docs/ci.md, "Against the baseline's commit"). A clone, not a worktree, so the repository's own metadata is left alone.
# It shares this tree's node_modules where the two package-lock.json files are the same, and
# installs its own with `npm ci` otherwise. Exit 1, with the reason, where the baseline was timed on
# uncommitted code, its commit is not in this repository's history (a shallow clone), or DIR exists.
#
#   bash bench/scripts/baseline-checkout.sh DIR [BASELINE]
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=${1:?usage: baseline-checkout.sh DIR [BASELINE]}
baseline=${2:-bench/baseline.json}
[ -e "$dir" ] && { echo "baseline-checkout: $dir exists; give a path that does not" >&2; exit 1; }
commit=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const e = r.environment || {}; process.stdout.write(typeof e.commit === "string" && e.dirty === false ? e.commit : "")' "$baseline")
[ -n "$commit" ] || { echo "baseline-checkout: $baseline records no commit it was timed at unchanged (fields environment.commit, environment.dirty)" >&2; exit 1; }
git cat-file -e "$commit^{commit}" 2>/dev/null \
  || { echo "baseline-checkout: commit $commit of $baseline is not in this repository's history (a shallow clone?)" >&2; exit 1; }

git clone --quiet --no-checkout . "$dir"
git -C "$dir" checkout --quiet --detach "$commit"
if cmp -s package-lock.json "$dir/package-lock.json" && [ -d node_modules ]; then
  ln -s "$PWD/node_modules" "$dir/node_modules"
else
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts > /dev/null)
fi
(cd "$dir" && node scripts/build.mjs > /dev/null)
echo "baseline-checkout: $dir holds commit ${commit:0:7}, built"
