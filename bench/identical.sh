#!/usr/bin/env bash
# Refactoring check: builds the shipped site, a 1,000-page corpus and both fixture sites with
# another varde binary (BASE) and with this tree's, and fails if any output file differs.
#
#   bench/identical.sh /path/to/base/varde
#
# Make BASE from the commit before a refactoring: `git worktree add /tmp/base <commit> &&
# (cd /tmp/base && cargo build --release)`, then BASE=/tmp/base/target/release/varde.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:?usage: bench/identical.sh /path/to/base/varde}
cargo build --release --quiet
NEW=$PWD/target/release/varde
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 /work/shared/bench/gen_corpus.py "$work/corpus" --pages 1000 --langs nb,en,ar --format varde --seed 1 2>/dev/null \
  || python3 ../shared/bench/gen_corpus.py "$work/corpus" --pages 1000 --langs nb,en,ar --format varde --seed 1
for fixture in site multilingual; do
  cp -r "tests/fixtures/$fixture" "$work/$fixture"
done
for site in "$work/corpus" "$work/site" "$work/multilingual"; do
  [ -d "$site/themes" ] || cp -r themes "$site/"
done
status=0
for site in "$PWD" "$work/corpus" "$work/site" "$work/multilingual"; do
  name=$(basename "$site")
  for which in BASE NEW; do
    "${!which}" build --root "$site" -o "$work/out-$name-$which" --date 2026-11-23 \
      --base-url https://example.org/h/ >/dev/null 2>&1 || { echo "$which failed on $name"; status=1; }
  done
  if diff -rq "$work/out-$name-BASE" "$work/out-$name-NEW" >/dev/null; then
    echo "$name: identical ($(find "$work/out-$name-NEW" -type f | wc -l) files)"
  else
    echo "$name: DIFFERENT"; diff -rq "$work/out-$name-BASE" "$work/out-$name-NEW" | head -5; status=1
  fi
done
exit $status
