#!/usr/bin/env bash
# Times the stacking rules on N combinable campaigns (default 10,000) that
# all share one environment, currency and channel. SHAPE picks how they run:
#
#   sliding    staggered 30-day schedules (one starts every 20 minutes):
#              about 2,160 run at any instant, so the sweep finds about N
#              maximal sets of that size. Amounts, rates, caps and
#              min_spends are chosen so that no group takes the whole order:
#              every set is searched to its end, and the run has no finding.
#   noprune    the same schedules; half take 1% capped at 0.01, half 0.01%
#              capped at 1,000,000.00, min_spend 100.00 + i: at every level
#              the rates together or the caps together exceed the spend, yet
#              no group takes it (the bound the old scan relied on fails).
#   staircase  N/2 campaigns run all along, amounts that leave each level
#              0.50 short of its spend (min_spend j, amount 1.00), and N/2
#              run one after another, 20 minutes each: N/2 maximal sets of
#              N/2 + 1 whose levels can only be ruled out one by one.
#   groups     10 campaigns run all along and the rest in clusters of 1, 2
#              and 3, one cluster after another, all without min_spend: each
#              cluster with the 10 is a payable group of 11 to 13, none
#              inside another (N/2 groups, about 6 findings a campaign).
#
#   scripts/bench-stacking.sh                  # 10,000 campaigns, 10 runs
#   N=2000 RUNS=5 scripts/bench-stacking.sh    # smaller
#   SHAPE=noprune scripts/bench-stacking.sh
#   PAYABLE=1 N=2000 scripts/bench-stacking.sh # sliding, low thresholds: groups of about
#                                              # N/4 are reported, each member naming all
#                                              # the others (beyond N=2,200 or so the
#                                              # report grows to gigabytes)
#   BIN=/abs/path/to/promolint scripts/bench-stacking.sh  # another build (no build step);
#                                              # a relative BIN is taken from the current
#                                              # directory
#   HYPERFINE=none scripts/bench-stacking.sh   # time with the shell loop
#   KEEP=DIR scripts/bench-stacking.sh         # write the corpus to DIR (new or empty)
#                                              # and keep it
set -euo pipefail

N=${N:-10000}
RUNS=${RUNS:-10}
PAYABLE=${PAYABLE:-0}
SHAPE=${SHAPE:-sliding}
HYPERFINE=${HYPERFINE:-hyperfine}
NOW=2026-11-24T00:00:00Z
case $SHAPE in
sliding | noprune | staircase | groups) ;;
*)
    echo "SHAPE must be sliding, noprune, staircase or groups, not $SHAPE" >&2
    exit 2
    ;;
esac
# The runs happen inside the corpus: a relative path is made absolute here.
if [[ -n ${BIN:-} && $BIN != /* ]]; then
    BIN=$PWD/$BIN
fi
if [[ -n ${KEEP:-} && $KEEP != /* ]]; then
    KEEP=$PWD/$KEEP
fi
cd "$(dirname "$0")/.."

if [[ -z ${BIN:-} ]]; then
    echo "building (release)..." >&2
    cargo build --release --quiet --bin promolint
    BIN=$PWD/target/release/promolint
fi
if [[ ! -x $BIN ]]; then
    echo "no promolint at $BIN" >&2
    exit 2
fi

if [[ -n ${KEEP:-} ]]; then
    WORK=$KEEP
    mkdir -p "$WORK"
    if [[ -n $(ls -A "$WORK") ]]; then
        echo "$WORK is not empty" >&2
        exit 2
    fi
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/promolint-stacking.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/campaigns" "$WORK/.git"

T0=$(date -u -d 2027-01-01T00:00:00Z +%s)
awk -v n="$N" -v t0="$T0" -v payable="$PAYABLE" -v shape="$SHAPE" -v dir="$WORK/campaigns" '
function stamp(t) { return strftime("%Y-%m-%dT%H:%M:%SZ", t, 1) }
function amount(a, m) { return sprintf("  type: amount_off\n  amount: \"%s\"%s", a, m == "" ? "" : sprintf("\n  min_spend: \"%s\"", m)) }
function rate(r, cap, m) { return sprintf("  type: percent_off\n  rate: \"%s\"\n  max_discount: \"%s\"\n  min_spend: \"%s\"", r, cap, m) }
BEGIN {
    half = int(n / 2); day = 86400; slot = 1200
    for (i = 0; i < n; i++) {
        if (shape == "sliding" || shape == "noprune") {
            # Campaign i starts 20 minutes after campaign i-1 and runs 30 days.
            start = t0 + i * slot; end = start + 30 * day
        }
        if (shape == "sliding") {
            kind = i % 4
            if (kind == 0)      b = rate("1%", "0.50", sprintf("%d.00", 100 + i))
            else if (kind == 1) b = amount("1.00", sprintf("%d.00", 2000 + i % 997))
            else if (kind == 2) b = rate("2%", "1.00", sprintf("%d.00", 3000 + i % 1000))
            else                b = amount("0.50", payable ? "1.00" : "5000.00")
        } else if (shape == "noprune") {
            if (i % 2 == 0) b = rate("1%", "0.01", sprintf("%d.00", 100 + i))
            else            b = rate("0.01%", "1000000.00", sprintf("%d.00", 100 + i))
        } else if (shape == "staircase") {
            if (i < half) {
                start = t0; end = t0 + (n - half + 2) * slot
                b = amount(i == 0 ? "0.50" : "1.00", sprintf("%d.00", i + 1))
            } else {
                start = t0 + (i - half + 1) * slot; end = start + slot
                b = amount("0.01", "99999.00")
            }
        } else {
            if (i < 10) {
                start = t0; end = t0 + (n + 2) * slot
            } else {
                s = i - 10; r = s % 6
                cluster = 3 * int(s / 6) + (r == 0 ? 0 : r < 3 ? 1 : 2)
                start = t0 + (cluster + 1) * slot; end = start + slot
            }
            b = amount("1.00", "")
        }
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
echo "$N combinable campaigns ($SHAPE) in $WORK" >&2

cd "$WORK"
CHECK="$BIN check --no-config --format json --now $NOW"
# One line per rule of the JSON report ("rule": "id"); a run that fails
# (exit 2 and above) says so instead of printing an empty list.
findings() {
    local out code=0
    out=$(mktemp "${TMPDIR:-/tmp}/promolint-stacking-report.XXXXXX")
    $CHECK "$@" . >"$out" 2>"$out.err" || code=$?
    if ((code > 1)); then
        echo "    the check failed (exit $code): $(head -c 400 "$out.err")"
    else
        grep -o '"rule": *"[a-z0-9-]*"' "$out" | sort | uniq -c | sed 's/^ */    /' || echo "    none"
    fi
    rm -f "$out" "$out.err"
}
echo "findings, all rules:" >&2
findings >&2

cmds=("$CHECK --select stacked-payable ." "$CHECK --select stacking-ceiling ." "$CHECK .")
cpu=()
if command -v "$HYPERFINE" >/dev/null; then
    "$HYPERFINE" --shell=none --warmup 1 --runs "$RUNS" --ignore-failure --style none \
        --export-csv "$WORK/t.csv" "${cmds[@]}" >/dev/null 2>&1
    mapfile -t t < <(tail -n +2 "$WORK/t.csv" | awk -F, '{printf "%.1f ms\n", $4 * 1000}')
    timer="hyperfine, median of $RUNS runs after 1 warm-up"
else
    # Wall time, and with GNU time the CPU time (user + system), which a
    # machine shared with other work disturbs less.
    # Microseconds in, milliseconds out.
    median() { sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f ms", m / 1e3}'; }
    t=()
    for cmd in "${cmds[@]}"; do
        walls=() cpus=()
        for ((i = 0; i < RUNS; i++)); do
            s=$(date +%s%N)
            if [[ -x /usr/bin/time ]]; then
                /usr/bin/time -f "%U %S" -o "$WORK/time" $cmd >/dev/null 2>&1 || true
            else
                $cmd >/dev/null 2>&1 || true
            fi
            e=$(date +%s%N)
            walls+=("$(((e - s) / 1000))")
            if [[ -x /usr/bin/time ]]; then
                # The last line: before it, GNU time notes a non-zero exit.
                cpus+=("$(tail -n 1 "$WORK/time" | awk '{print ($1 + $2) * 1e6}')")
            fi
        done
        t+=("$(printf '%s\n' "${walls[@]}" | median)")
        if ((${#cpus[@]})); then
            cpu+=("$(printf '%s\n' "${cpus[@]}" | median)")
        fi
    done
    timer="shell loop, median of $RUNS runs"
fi
case $SHAPE in
sliding) what="staggered 30-day schedules, about 2,160 running at any instant" ;;
noprune) what="staggered 30-day schedules, rates whose caps defeat a bound" ;;
staircase) what="$((N / 2)) running all along, levels each 0.50 short" ;;
groups) what="10 running all along, clusters of 1 to 3 after one another" ;;
esac
echo
echo "$N combinable campaigns, one channel, $what ($timer; $(nproc) cores):"
echo
if ((${#cpu[@]})); then
    echo "| run | median | CPU (user + sys) |"
    echo "|---|---:|---:|"
    echo "| \`--select stacked-payable\` | ${t[0]} | ${cpu[0]} |"
    echo "| \`--select stacking-ceiling\` | ${t[1]} | ${cpu[1]} |"
    echo "| all rules | ${t[2]} | ${cpu[2]} |"
else
    echo "| run | median |"
    echo "|---|---:|"
    echo "| \`--select stacked-payable\` | ${t[0]} |"
    echo "| \`--select stacking-ceiling\` | ${t[1]} |"
    echo "| all rules | ${t[2]} |"
fi
