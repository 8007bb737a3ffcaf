#!/usr/bin/env bash
# Benchmark of `varde serve` on the generated corpus: start-up, time from saving one page to
# the reload event (and to the new page fetched), the server's own rebuild time, and memory.
#
#   bench/serve.sh [PAGES] [EDITS]      defaults: 10000 pages (nb, en, ar), 20 saves
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-10000}
EDITS=${2:-20}
cargo build --release --quiet
work=$(mktemp -d /dev/shm/varde-serve.XXXX)
trap 'rm -rf "$work"' EXIT
python3 /work/shared/bench/gen_corpus.py "$work/site" --pages "$PAGES" --langs nb,en,ar --format varde --seed 1 >/dev/null 2>&1
cp -r themes "$work/site/themes"
python3 bench/serve_client.py "$PWD/target/release/varde" "$work/site" "$EDITS"
