#!/usr/bin/env bash
# Runs every fuzz target for a bounded time on the stable toolchain, seeding each from the shipped
# files first, and prints how many inputs each executed. Fails on the first crash (the crashing
# input is kept under fuzz/artifacts/TARGET/). Usage: fuzz/run.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-45}"

# Seed corpora from the shipped files (libFuzzer adds what it finds beside them).
seed() {
  local target="$1"; shift
  mkdir -p "corpus/$target"
  for file in "$@"; do
    cp "$file" "corpus/$target/seed-$(echo "${file#../}" | tr '/' '_')"
  done
}
seed document $(find ../corpus -name '*.md' ! -name 'README.md' | sort)
seed suite $(find ../corpus -name '*.scenarios.toml' | sort)
seed situations ../corpus/situations.toml
seed request ../examples/*.json
mkdir -p corpus/request corpus/differential
n=0
for file in ../examples/*.jsonl; do
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "corpus/request/seed-line-$n.json"
  done < "$file"
done

# `--sanitizer none`: address sanitizer needs a nightly compiler; libFuzzer's coverage
# instrumentation and `--cfg fuzzing` do not.
cargo fuzz build --sanitizer none
for target in document suite situations request differential; do
  log="$(mktemp)"
  if ! cargo fuzz run --sanitizer none "$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target \`$target\` failed; the input is under fuzz/artifacts/$target/" >&2
    exit 1
  fi
  executed="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
  echo "fuzz $target: $executed inputs in ${seconds}s, no crash"
  rm -f "$log"
done
