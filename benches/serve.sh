#!/usr/bin/env bash
# `kitei serve` figures for the README: how soon a document's HTML preview is back after a save,
# and the server's resident memory when idle. Never run in CI and never a test.
#
#   benches/serve.sh                  # on the release build
#   KITEI=target/debug/kitei benches/serve.sh
#
# Needs curl. Each save changes the sample's telephone number, so every preview is rendered anew.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
work=$(mktemp -d)
if [ -n "${KITEI:-}" ]; then kitei=$(realpath "$KITEI"); else cargo build --release --quiet; kitei=$PWD/target/release/kitei; fi
cp content/samples/midori-clinic.yaml "$work/clinic.yaml"
"$kitei" serve --port 0 --no-open "$work/clinic.yaml" >"$work/url" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
url=$(head -1 "$work/url")
base=${url%%/\?token=*}
jar=$work/cookies
curl -s -c "$jar" -o /dev/null "$url"
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$server/status"; }
echo "idle after start: $(rss) MB"
curl -s -b "$jar" -o /dev/null "$base/"
curl -s -b "$jar" -o /dev/null "$base/documents/security-policy"
times=()
for i in $(seq "$RUNS"); do
  page=$(curl -s -b "$jar" "$base/facility")
  version=$(grep -o 'name="version" value="[0-9a-f]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"//')
  csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"//')
  curl -s -b "$jar" -o /dev/null -H "Origin: $base" \
    --data-urlencode "csrf=$csrf" --data-urlencode "version=$version" --data-urlencode "phone=048-800-$(printf %04d "$i")" \
    "$base/facility"
  ms=$(curl -s -b "$jar" -o /dev/null -w '%{time_total}' "$base/documents/security-policy" | awk '{print int($1*1000)}')
  times+=("$ms")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "preview after a save, median of $RUNS: $(sed -n "$(( (RUNS + 1) / 2 ))p" <<<"$sorted") ms (all: $(tr '\n' ' ' <<<"$sorted"))"
sleep 2
echo "idle after $RUNS saves and previews: $(rss) MB"
