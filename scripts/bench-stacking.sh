#!/usr/bin/env bash
# Times the stacking rules on N combinable campaigns (default 10,000) that
# all share one environment, currency and channel, with staggered 30-day
# schedules (one starts every 20 minutes): about 2,160 of them run at any
# instant, so the sweep finds about N maximal groups of that size. Amounts,
# rates, caps and min_spends are chosen so that no group takes the whole
# order: every level of every group is examined (the slowest case for
# `stacked-payable`), and every finding of the run is from other rules.
#
#   scripts/bench-stacking.sh                  # 10,000 campaigns, 10 runs
#   N=2000 RUNS=5 scripts/bench-stacking.sh    # smaller
#   PAYABLE=1 scripts/bench-stacking.sh        # low thresholds: every campaign is reported
#   BIN=/path/to/promolint scripts/bench-stacking.sh  # another build (no build step)
#   HYPERFINE=none scripts/bench-stacking.sh   # time with the shell loop
set -euo pipefail

N=${N:-10000}
RUNS=${RUNS:-10}
PAYABLE=${PAYABLE:-0}
HYPERFINE=${HYPERFINE:-hyperfine}
NOW=2026-11-24T00:00:00Z
cd "$(dirname "$0")/.."

if [[ -z ${BIN:-} ]]; then
    echo "building (release)..." >&2
    cargo build --release --quiet --bin promolint
    BIN=$PWD/target/release/promolint
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/promolint-stacking.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/campaigns" "$WORK/.git"

# Campaign i starts 20 minutes after campaign i-1 and runs 30 days.
T0=$(date -u -d 2027-01-01T00:00:00Z +%s)
awk -v n="$N" -v t0="$T0" -v payable="$PAYABLE" -v dir="$WORK/campaigns" '
function stamp(t) { return strftime("%Y-%m-%dT%H:%M:%SZ", t, 1) }
BEGIN {
    for (i = 0; i < n; i++) {
        start = t0 + i * 1200; end = start + 30 * 86400
        kind = i % 4
        if (kind == 0)      b = sprintf("  type: percent_off\n  rate: \"1%%\"\n  max_discount: \"0.50\"\n  min_spend: \"%d.00\"", 100 + i)
        else if (kind == 1) b = sprintf("  type: amount_off\n  amount: \"1.00\"\n  min_spend: \"%d.00\"", 2000 + i % 997)
        else if (kind == 2) b = sprintf("  type: percent_off\n  rate: \"2%%\"\n  max_discount: \"1.00\"\n  min_spend: \"%d.00\"", 3000 + i % 1000)
        else                b = sprintf("  type: amount_off\n  amount: \"0.50\"\n  min_spend: \"%s\"", payable ? "1.00" : "5000.00")
        file = sprintf("%s/stack-%05d.yaml", dir, i)
        printf "apiVersion: promo/v1\nkind: Campaign\nid: stack-%05d\nname: Stacking %d\n", i, i > file
        printf "environment: production\nowner: growth-payments@example.com\napproval: MKT-2027-0101\n" > file
        printf "currency: CNY\nschedule:\n  start: %s\n  end: %s\n", stamp(start), stamp(end) > file
        printf "audience:\n  segments: [new-users]\nchannels: [online-checkout]\nbenefit:\n%s\n", b > file
        printf "funding:\n  source: merchant\nbudget:\n  total: \"500000.00\"\n  per_user: \"1000.00\"\n" > file
        printf "stacking:\n  combinable: true\ncontrols:\n  kill_switch: true\n  rollout_percent: 5\n" > file
        printf "display:\n  label: \"Stacking offer %d\"\n", i > file
        close(file)
    }
}'
echo "$N combinable campaigns in $WORK" >&2

cd "$WORK"
CHECK="$BIN check --no-config --format json --now $NOW"
findings() { $CHECK "$@" . 2>/dev/null | grep -o '"rule": *"[a-z-]*"' | sort | uniq -c | sed 's/^ */    /' || true; }
echo "findings, all rules:" >&2
findings >&2

cmds=("$CHECK --select stacked-payable ." "$CHECK --select stacking-ceiling ." "$CHECK .")
if command -v "$HYPERFINE" >/dev/null; then
    "$HYPERFINE" --shell=none --warmup 1 --runs "$RUNS" --ignore-failure --style none \
        --export-csv "$WORK/t.csv" "${cmds[@]}" >/dev/null 2>&1
    mapfile -t t < <(tail -n +2 "$WORK/t.csv" | awk -F, '{printf "%.1f ms\n", $4 * 1000}')
    timer="hyperfine, median of $RUNS runs after 1 warm-up"
else
    t=()
    for cmd in "${cmds[@]}"; do
        times=()
        for ((i = 0; i < RUNS; i++)); do
            s=$(date +%s%N)
            $cmd >/dev/null 2>&1 || true
            e=$(date +%s%N)
            times+=("$(((e - s) / 1000))")
        done
        t+=("$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f ms", m / 1e3}')")
    done
    timer="shell loop, median of $RUNS runs"
fi
echo
echo "$N combinable campaigns, one channel, about 2,160 running at any instant ($timer; $(nproc) cores):"
echo
echo "| run | median |"
echo "|---|---:|"
echo "| \`--select stacked-payable\` | ${t[0]} |"
echo "| \`--select stacking-ceiling\` | ${t[1]} |"
echo "| all rules | ${t[2]} |"
