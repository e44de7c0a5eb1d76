#!/usr/bin/env bash
# Times change review: `promolint check --base HEAD` against the same check
# without `--base`, on a generated corpus committed into a temporary git
# repository, with some campaigns changed in the working tree (REVIEW.md:
# a 10,000-file project with --base takes at most twice the time).
#
#   scripts/bench-base.sh                 # 10,000 campaigns, 1% of them changed
#   N=1000 CHANGED=50 scripts/bench-base.sh
#   RUNS=20 scripts/bench-base.sh         # more runs per measurement (default 10)
#
# hyperfine times the commands when it is installed (median of RUNS runs
# after 2 warm-ups, both commands in one hyperfine run); a shell loop
# otherwise (median). Prints a markdown table.
set -euo pipefail

N=${N:-10000}
CHANGED=${CHANGED:-100}
RUNS=${RUNS:-10}
HYPERFINE=${HYPERFINE:-hyperfine}
NOW=2026-11-24T00:00:00Z
cd "$(dirname "$0")/.."
ROOT=$PWD

echo "building (release)..." >&2
cargo build --release --quiet --bin promolint --example gen_corpus
BIN=$ROOT/target/release/promolint
GEN=$ROOT/target/release/examples/gen_corpus

WORK=$(mktemp -d "${TMPDIR:-/tmp}/promolint-bench-base.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

dir=$WORK/corpus
"$GEN" "$dir" "$N" 1 >/dev/null
cd "$dir"
git init -q -b main
git add -A
git commit -q -m "corpus of $N campaigns"
# The change under review: the rate of CHANGED campaigns raised to 3 times.
changed=0
while IFS= read -r file; do
    [[ $changed -ge $CHANGED ]] && break
    if grep -q '^  rate: "5%"' "$file"; then
        sed -i 's/^  rate: "5%"/  rate: "15%"/' "$file"
        changed=$((changed + 1))
    fi
done < <(find campaigns -name '*.yaml' | sort)
files=$(git ls-files | wc -l | tr -d ' ')
echo "corpus: $files files committed, $changed campaigns changed in the working tree" >&2

CHECK="$BIN check --no-config --format json --now $NOW"
PLAIN="$CHECK ."
BASE="$CHECK --base HEAD ."
findings=$($BASE | grep -c '"rule": "rate-jump"' || true)
echo "rate-jump findings with --base: $findings" >&2

median_runs() {
    local times=() i start end
    for ((i = 0; i < 2; i++)); do "$@" >/dev/null 2>&1 || true; done
    for ((i = 0; i < RUNS; i++)); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=("$(((end - start) / 1000))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.6f\n", m / 1e6}'
}

if command -v "$HYPERFINE" >/dev/null; then
    csv=$WORK/hyperfine.csv
    "$HYPERFINE" --shell=none --warmup 2 --runs "$RUNS" --ignore-failure --style none \
        --export-csv "$csv" "$PLAIN" "$BASE" >/dev/null 2>&1
    mapfile -t t < <(tail -n +2 "$csv" | awk -F, '{printf "%.6f\n", $4}')
    timer="hyperfine, median of $RUNS runs"
else
    # shellcheck disable=SC2086
    t=("$(median_runs $PLAIN)" "$(median_runs $BASE)")
    timer="shell loop, median of $RUNS runs"
fi
peak() {
    if [[ -x /usr/bin/time ]]; then
        # The check exits 1 on its findings: only the report matters here.
        /usr/bin/time -o "$WORK/time.txt" -f '%M' "$@" >/dev/null 2>&1 || true
        tail -n 1 "$WORK/time.txt" | awk '{printf "%.1f MB", $1 / 1024}'
    else
        echo n/a
    fi
}
# shellcheck disable=SC2086
mem_plain=$(peak $PLAIN)
# shellcheck disable=SC2086
mem_base=$(peak $BASE)

ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
echo
echo "Machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a) when the run ended. Timer: $timer."
echo
echo "| $files files, $changed changed | wall | peak memory |"
echo "|---|---:|---:|"
echo "| \`check --format json .\` | $(ms "${t[0]}") | $mem_plain |"
echo "| \`check --format json --base HEAD .\` | $(ms "${t[1]}") | $mem_base |"
echo "| ratio | $(awk -v a="${t[1]}" -v b="${t[0]}" 'BEGIN {printf "%.2f", a / b}') | |"
