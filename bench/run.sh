#!/usr/bin/env bash
# Benchmark: varde against `hugo --minify` on the same generated corpus, in one run.
#
#   bench/run.sh [PAGES] [DIR]      defaults: 10000 pages, /dev/shm (tmpfs) and /var/tmp (disk)
#
# Prints, for each place: varde's and Hugo's wall time (median of RUNS) and CPU time, their
# ratio, pages per second, peak memory (max RSS), and the bare I/O of reading the sources and
# writing the output (cat + cp of the same files), which no builder can beat. On a machine
# shared with other work, wall times swing; the ratio of two medians from the same run, and
# the CPU times, hold better.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-10000}
RUNS=${RUNS:-3}
PLACES=${2:-"/dev/shm /var/tmp"}
LANGS=nb,en,ar
command -v hugo >/dev/null || { echo "installing hugo"; apt-get install -y -qq hugo >/dev/null; }
cargo build --release --quiet
VARDE=${VARDE:-$PWD/target/release/varde}  # VARDE=/path/to/varde compares another build

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_cmd CMD...: runs CMD RUNS times, prints "median_wall_s max_rss_kib median_cpu_s"
time_cmd() {
  local times=() cpus=() rss=0
  for _ in $(seq "$RUNS"); do
    local tf e m u s
    tf=$(mktemp)
    /usr/bin/time -o "$tf" -f "%e %M %U %S" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$tf" >&2; }
    read -r e m u s < <(tail -1 "$tf"); rm -f "$tf"
    times+=("$e")
    cpus+=("$(echo "$u + $s" | bc)")
    (( m > rss )) && rss=$m
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $rss $(printf '%s\n' "${cpus[@]}" | median)"
}

for place in $PLACES; do
  work=$(mktemp -d "$place/varde-bench.XXXX")
  python3 /work/shared/bench/gen_corpus.py "$work/varde" --pages "$PAGES" --langs $LANGS --format varde --seed 1 2>/dev/null
  python3 /work/shared/bench/gen_corpus.py "$work/hugo" --pages "$PAGES" --langs $LANGS --format hugo --seed 1 2>/dev/null
  cp -r themes "$work/varde/themes"
  export SOURCE_DATE_EPOCH=1795392000
  read -r vt vm vc < <(time_cmd "$VARDE" --root "$work/varde" build)
  read -r ht hm hc < <(time_cmd hugo --minify --quiet -s "$work/hugo" -d "$work/hugo-public")
  files=$(find "$work/varde/dist" -type f | wc -l)
  bytes=$(du -sb "$work/varde/dist" | cut -f1)
  # Bare I/O: read every source, write a copy of every output file.
  io_start=$(date +%s.%N)
  find "$work/varde/content" -type f -print0 | xargs -0 cat >/dev/null
  cp -r "$work/varde/dist" "$work/io-copy"
  sync -f "$work/io-copy" 2>/dev/null || true
  io=$(echo "$(date +%s.%N) - $io_start" | bc)
  printf '\n== %s (%s)\n' "$place" "$(df -T "$place" | awk 'NR==2{print $2}')"
  printf 'corpus: %s source pages (%s), varde wrote %s files, %s MB\n' "$PAGES" "$LANGS" "$files" "$((bytes / 1048576))"
  printf 'varde build:      %6.2f s  peak %4d MiB (target <= 150)  %6.0f pages/s  CPU %.2f s\n' "$vt" $((vm / 1024)) "$(echo "$files / $vt" | bc -l)" "$vc"
  printf 'hugo --minify:    %6.2f s  peak %4d MiB  CPU %.2f s\n' "$ht" $((hm / 1024)) "$hc"
  printf 'ratio varde/hugo: %6.2f x   (target <= 0.30)\n' "$(echo "$vt / $ht" | bc -l)"
  printf 'bare I/O:         %6.2f s   varde/bare I/O: %.2f x (target <= 3)\n' "$io" "$(echo "$vt / $io" | bc -l)"
  rm -rf "$work"
done
