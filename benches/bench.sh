#!/usr/bin/env bash
# kitei's benchmark: run on the release build, report wall-clock figures for the README.
#
#   benches/bench.sh            # kitei alone
#   TYPST=typst benches/bench.sh  # also against the official typst CLI (cargo install typst-cli@0.15.1 --locked)
#   ONLY=large benches/bench.sh   # only the large profile (1,000 systems, 1,000 assets): time and peak memory
#   KITEI=target/debug/kitei …    # measure that binary instead of building the release one
#   CLINICS=100 MANY=1000 …       # the batch sizes (MANY=0 skips the large batch; minutes)
#   ONE_CORE=0 …                  # skip the one-core run of the batch (the speed-up figure)
#
# Never run in CI and never a test: timings depend on the machine. Each figure is the median of
# RUNS runs (default 5) unless said otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CLINICS=${CLINICS:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${KITEI:-}" ]; then
  kitei=$(realpath "$KITEI")
else
  cargo build --release --quiet
  kitei=$PWD/target/release/kitei
fi

# Median wall time in milliseconds of a command run RUNS times; $prepare runs before each.
median_ms() {
  local prepare=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    eval "$prepare"
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# Peak resident memory (MB) of one run.
peak_mb() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n1 | awk '{printf "%.0f", $1/1024}'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), $(rustc --version)"

# The largest profile the limits allow in systems (1,000), with 1,000 assets: the sample's 3
# systems and 4 assets plus generated ones, each asset on a system.
large_profile() {
  local out=$1 n=${LARGE:-1000}
  awk -v systems="${SYSTEMS:-$((n - 3))}" -v assets="${ASSETS:-$((n - 4))}" '
    /^systems:/ {
      print
      for (i = 1; i <= systems; i++) {
        printf "  - key: sys%04d\n    name: 部門システム%04d\n    kind: other\n    hosting: on-premises\n    vendor: medicloud\n", i, i
        printf "    medical_information: true\n    priority: 2\n    rto_hours: 24\n    rpo_hours: 24\n    location: サーバ室\n"
        printf "    authentication: { method: password, two_factor: false }\n"
        printf "    backup: { method: 外付け媒体へ複製, frequency: 毎日, generations: 7, offline: true, location: サーバ室, by: facility }\n"
        printf "    downtime: 紙の伝票で業務を続け、復旧後に入力する\n"
      }
      next
    }
    /^assets:/ {
      print
      for (i = 1; i <= assets; i++) {
        sys = systems > 0 ? sprintf(", system: sys%04d", (i - 1) % systems + 1) : ""
        printf "  - { name: 端末%04d, kind: pc, location: 病棟%d, os: Windows 11 Pro%s, support_end: 2030-03-31 }\n", i, i % 40, sys
      }
      next
    }
    { print }
  ' content/samples/sakura-clinic.yaml > "$out"
}
large_profile "$work/large.yaml"
"$kitei" check "$work/large.yaml" >/dev/null 2>"$work/large.check" || { cat "$work/large.check"; exit 1; }
start=$(date +%s%N)
large_mb=$(peak_mb "$kitei" build "$work/large.yaml" -o "$work/large")
end=$(date +%s%N)
echo "1,000 systems and 1,000 assets (md+pdf, one run): $(( (end - start) / 1000000 )) ms, peak memory ${large_mb} MB"
[ "${ONLY:-}" = large ] && exit 0

sample=$(median_ms "rm -rf $work/one" "$kitei" build -o "$work/one")
documents=$(ls "$work"/one/sakura-clinic/*.md 2>/dev/null | wc -l)
echo "sample rulebook ($documents documents, md+pdf), cold process: ${sample} ms"

# A portfolio of $1 clinics derived from the sample, each with its own id and name, in folder $2.
portfolio() {
  mkdir -p "$2"
  for i in $(seq -f '%04g' 0 $(($1 - 1))); do
    sed "s/^id: sakura-clinic/id: clinic-$i/; s/^  name: さくら内科クリニック/  name: さくら内科クリニック 第${i}分院/" \
      content/samples/sakura-clinic.yaml > "$2/clinic-$i.yaml"
  done
}

# Wall time (ms) and peak resident memory (MB) of one run, as "ms MB".
timed_peak() {
  local start end mb
  start=$(date +%s%N)
  mb=$(peak_mb "$@")
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $mb"
}

portfolio "$CLINICS" "$work/portfolio"
read -r batch peak < <(timed_peak "$kitei" build "$work/portfolio" -o "$work/out")
RUNS=1
if [ "${ONE_CORE:-1}" != 0 ]; then
  # One core means one CPU, not just one facility at a time: typst lays out page runs on a thread
  # pool of its own, so `--jobs 1` alone still uses a second core now and then.
  one_core=$(median_ms "rm -rf $work/out1" taskset -c 0 "$kitei" build "$work/portfolio" -o "$work/out1" --jobs 1)
  rm -rf "$work/out1"
  echo "$CLINICS clinics, one batch, all cores: ${batch} ms; one core: ${one_core} ms; speed-up: $(awk "BEGIN {printf \"%.2f\", $one_core / $batch}")x"
else
  echo "$CLINICS clinics, one batch, all cores: ${batch} ms"
fi
rebuild=$(median_ms "" "$kitei" build "$work/portfolio" -o "$work/out")
echo "$CLINICS clinics, no-change rebuild: ${rebuild} ms"
echo "$CLINICS clinics, peak memory: ${peak} MB"
rm -rf "$work/out"

# The large portfolio (MANY clinics, default 1,000; minutes): time per clinic should stay flat
# from CLINICS to MANY, and peak memory <= 1 GB.
MANY=${MANY:-1000}
if [ "$MANY" != 0 ]; then
  portfolio "$MANY" "$work/many"
  read -r many many_peak < <(timed_peak "$kitei" build "$work/many" -o "$work/many-out")
  rm -rf "$work/many" "$work/many-out"
  echo "$MANY clinics, one batch, all cores: ${many} ms, peak memory ${many_peak} MB"
fi

# The figures issue 20 sets targets for, in one run on one machine: the batch against one cold
# build (<= 50x for 100), a no-change rebuild against the first build (<= 2 %), peak memory
# (<= 500 MB for 100, <= 1 GB for 1,000), and time growing linearly from CLINICS to MANY.
echo "ratios: $CLINICS clinics / one cold build $(awk "BEGIN {printf \"%.1f\", $batch / $sample}")x (target <= 50x for 100);" \
  "no-change rebuild $(awk "BEGIN {printf \"%.2f\", 100 * $rebuild / $batch}") % of the first build (target <= 2 %);" \
  "peak ${peak} MB (target <= 500 MB)"
if [ "$MANY" != 0 ]; then
  echo "ratios: $MANY clinics / $CLINICS clinics $(awk "BEGIN {printf \"%.2f\", $many / $batch}")x" \
    "(linear = $(awk "BEGIN {printf \"%.2f\", $MANY / $CLINICS}")x; per clinic $(( many / MANY )) ms against $(( batch / CLINICS )) ms);" \
    "peak ${many_peak} MB (target <= 1024 MB)"
fi

if [ -n "${TYPST:-}" ]; then
  RUNS=${TYPST_RUNS:-5}
  "$kitei" build -o "$work/typ" --format typ >/dev/null 2>&1
  typ_files=("$work"/typ/sakura-clinic/*.typ)
  compile_all() { for f in "${typ_files[@]}"; do "$TYPST" compile --ignore-system-fonts --font-path assets/fonts "$f" "${f%.typ}.cli.pdf"; done; }
  cli=$(median_ms "" compile_all)
  pdf_only=$(median_ms "rm -rf $work/pdf" "$kitei" build -o "$work/pdf" --format pdf)
  echo "typst CLI, the same ${#typ_files[@]} .typ files one by one: ${cli} ms; kitei (cold, incl. rendering): ${pdf_only} ms; ratio kitei/CLI: $(awk "BEGIN {printf \"%.2f\", $pdf_only / $cli}")"
fi

if command -v pandoc >/dev/null 2>&1 && command -v lualatex >/dev/null 2>&1; then
  # Debian: pandoc texlive-luatex texlive-lang-japanese texlive-latex-recommended (~1 GB; never in CI).
  "$kitei" build -o "$work/md" --format md >/dev/null 2>&1
  md_files=("$work"/md/sakura-clinic/*.md)
  pandoc "${md_files[0]}" -o "$work/warm.pdf" --pdf-engine=lualatex -V documentclass=ltjsarticle >/dev/null 2>&1 || true
  start=$(date +%s%N)
  for f in "${md_files[@]}"; do
    pandoc "$f" -o "${f%.md}.pandoc.pdf" --pdf-engine=lualatex -V documentclass=ltjsarticle >/dev/null 2>&1 || true
  done
  end=$(date +%s%N)
  made=$(ls "$work"/md/sakura-clinic/*.pandoc.pdf 2>/dev/null | wc -l)
  pandoc_ms=$(( (end - start) / 1000000 ))
  echo "pandoc + LuaLaTeX, the same ${#md_files[@]} Markdown files one by one (font cache warm, one run): ${pandoc_ms} ms, ${made} PDFs made; ratio kitei (md+pdf)/pandoc: $(awk "BEGIN {printf \"%.3f\", $sample / $pandoc_ms}")"
fi
