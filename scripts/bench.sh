#!/usr/bin/env bash
# Times the whole promolint binary on generated corpora of 1, 1,000 and
# 10,000 campaign files (plus 20 templates each, seed 1) next to the bare
# YAML event parser on the same files, and prints a markdown table.
#
#   scripts/bench.sh              # all of it (a few minutes on 2 cores)
#   RUNS=20 scripts/bench.sh      # more runs per measurement (default 10)
#   STAGES=0 scripts/bench.sh     # skip the in-process stage split (divan)
#   SIZES="1000" scripts/bench.sh # other corpus sizes
#   HYPERFINE=none scripts/bench.sh  # time with the shell loop even if hyperfine is installed
#   FOREIGN=0 scripts/bench.sh    # skip the mixed repository (100 campaigns + 10,000 foreign files)
#   FOREIGN=10000 SIZES= STAGES=0 scripts/bench.sh  # only the mixed repository
#   PROFILE=profiling scripts/bench.sh  # the binaries with line tables, for perf
#   BIG=0 scripts/bench.sh        # skip the peak memory at 100,000 campaigns (default BIG=100000)
#
# Profiling: `cargo build --profile profiling --bin promolint` (release
# settings plus debug = 1, Cargo.toml), then for example
#   perf record -g target/profiling/promolint check --no-config . >/dev/null
#   perf report --no-children
# The release profile itself ships no debug info.
#
# With hyperfine installed (apt-get install hyperfine), each command is
# timed by it (median of RUNS runs after 2 warm-ups, promolint and the floor
# in the same hyperfine run); without it, by repeated runs here (median).
# Peak memory is GNU time's maximum resident set size (median of 3 runs).
set -euo pipefail

RUNS=${RUNS:-10}
STAGES=${STAGES:-1}
SIZES=${SIZES-"1 1000 10000"}
FOREIGN=${FOREIGN:-10000}
BIG=${BIG:-100000}
HYPERFINE=${HYPERFINE:-hyperfine}
PROFILE=${PROFILE:-release}
NOW=2026-11-24T00:00:00Z
cd "$(dirname "$0")/.."
ROOT=$PWD

echo "building ($PROFILE)..." >&2
cargo build --profile "$PROFILE" --quiet --bin promolint --example gen_corpus --example parse_floor
BIN=$ROOT/target/$PROFILE/promolint
FLOOR=$ROOT/target/$PROFILE/examples/parse_floor
GEN=$ROOT/target/$PROFILE/examples/gen_corpus

WORK=$(mktemp -d "${TMPDIR:-/tmp}/promolint-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

CHECK="$BIN check --no-config --format json --now $NOW"

# Median wall time in seconds of a command run in the current directory.
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

# Median wall times (seconds) of the given commands, one per line.
time_commands() {
    if command -v "$HYPERFINE" >/dev/null; then
        local csv=$WORK/hyperfine.csv args=()
        for cmd in "$@"; do args+=("$cmd"); done
        "$HYPERFINE" --shell=none --warmup 2 --runs "$RUNS" --ignore-failure \
            --style none --export-csv "$csv" "${args[@]}" >/dev/null 2>&1
        # command,mean,stddev,median,user,system,min,max
        tail -n +2 "$csv" | awk -F, '{printf "%.6f\n", $4}'
    else
        for cmd in "$@"; do
            # shellcheck disable=SC2086
            median_runs $cmd
        done
    fi
}

# Median peak resident set size in MB of a command.
peak_mb() {
    if [[ ! -x /usr/bin/time ]]; then
        echo "n/a"
        return
    fi
    local i kb=() report=$WORK/time.txt
    for ((i = 0; i < 3; i++)); do
        /usr/bin/time -o "$report" -f '%M' "$@" >/dev/null 2>&1 || true
        kb+=("$(tail -n 1 "$report")")
    done
    printf '%s\n' "${kb[@]}" | sort -n | awk 'NR == 2 {printf "%.1f", $1 / 1024}'
}

# Median CPU time (user + sys, seconds) of a command over RUNS runs.
cpu_secs() {
    local i s=() report=$WORK/cpu.txt
    for ((i = 0; i < RUNS; i++)); do
        /usr/bin/time -o "$report" -f '%U %S' "$@" >/dev/null 2>&1 || true
        s+=("$(tail -n 1 "$report" | awk '{printf "%.3f", $1 + $2}')")
    done
    printf '%s\n' "${s[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.3f\n", m}'
}

fmt_ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / s}'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b / 1e6 / s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

rows=()
cpu_rows=()
latency=""
cached=""
for n in $SIZES; do
    dir=$WORK/corpus-$n
    "$GEN" "$dir" "$n" 1 >/dev/null
    files=$(find "$dir" -type f -name '*.yaml' | wc -l | tr -d ' ')
    bytes=$(find "$dir" -type f -name '*.yaml' -exec cat {} + | wc -c | tr -d ' ')
    echo "corpus of $n campaigns: $files files, $bytes bytes" >&2
    cd "$dir"
    mapfile -t t < <(time_commands "$CHECK ." "$FLOOR . 1" "$FLOOR . 2")
    mem=$(peak_mb $CHECK .)
    # GNU time counts CPU in hundredths of a second: only the larger
    # corpora get a CPU row.
    if [[ -x /usr/bin/time && $n -ge 1000 ]]; then
        # One core: the whole run on one rayon thread against the floor on
        # one thread, CPU time (user + sys), which load disturbs less than
        # wall time. --no-cache so that every file is read and checked.
        one_cpu=$(RAYON_NUM_THREADS=1 cpu_secs $CHECK --no-cache .)
        floor_cpu=$(cpu_secs $FLOOR . 1)
        cpu_rows+=("| $n | $files | $(fmt_ms "$one_cpu") | $(fmt_ms "$floor_cpu") | $(ratio "$one_cpu" "$floor_cpu") | $(RAYON_NUM_THREADS=1 peak_mb $CHECK --no-cache .) MB |")
    fi
    rows+=("| $n | $files | $(awk -v b="$bytes" 'BEGIN {printf "%.2f", b / 1e6}') | $(fmt_ms "${t[0]}") | $(rate "$files" "${t[0]}") | $(mbps "$bytes" "${t[0]}") | $mem MB | $(fmt_ms "${t[1]}") | $(fmt_ms "${t[2]}") | $(ratio "${t[0]}" "${t[2]}") |")
    if [[ $n == 1 ]]; then
        # The pre-commit case: one file named, its project read for context.
        one=$(find campaigns -type f -name '*.yaml' | sort | awk 'NR == 1')
        mapfile -t l < <(time_commands "$CHECK $one")
        latency="One file named (\`promolint check --format json $one\` in a project of $files files), start-up included: **$(fmt_ms "${l[0]}")** median, peak $(peak_mb $CHECK "$one") MB."
    fi
    if [[ $n == 10000 ]]; then
        # The pre-commit case in a large project: the cache warmed by a run
        # over every file (older than two seconds, so its stamps are
        # trusted), then one file named, with and without the cache.
        one=$(find campaigns -type f -name '*.yaml' | sort | awk 'NR == 1')
        $CHECK . >/dev/null 2>&1 || true
        sleep 3
        $CHECK "$one" >/dev/null 2>&1 || true
        mapfile -t l < <(time_commands "$CHECK $one" "$CHECK --no-cache $one")
        cached="One file named in the project of $files files (\`promolint check --format json $one\`), warm per-file cache: **$(fmt_ms "${l[0]}")** median, peak $(peak_mb $CHECK "$one") MB; with \`--no-cache\`: $(fmt_ms "${l[1]}")."
    fi
    cd "$ROOT"
done

# Writes N foreign YAML files (compose, Kubernetes, CI, OpenAPI, Helm values,
# Ansible, CronJobs) under DIR/infra/, none of them a campaign document.
write_foreign() {
    awk -v dir="$1" -v n="$2" 'BEGIN {
        for (i = 0; i < n; i++) {
            d = sprintf("%s/infra/%03d", dir, i % 200)
            if (i % 200 == i) system("mkdir -p " d)
            k = i % 7
            f = sprintf("%s/f%05d.yaml", d, i)
            if (k == 0) printf "services:\n  web%d:\n    image: nginx:1.%d\n    ports: [\"80:80\"]\n    environment:\n      BUDGET: \"%d\"\n", i, i % 30, i > f
            else if (k == 1) printf "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-%d\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:%d\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-%d\n", i, i, i > f
            else if (k == 2) printf "stages: [build, test]\ntest-%d:\n  stage: test\n  script:\n    - cargo test \\\n      --all\n    - echo \"done %d\"\n", i, i > f
            else if (k == 3) printf "openapi: 3.0.0\ninfo: {title: api-%d, version: 1.0.%d}\npaths:\n  /campaigns/{id}:\n    get:\n      responses:\n        \"200\": {description: ok}\ncomponents:\n  schemas:\n    Offer:\n      properties:\n        benefit: {type: object}\n        budget: {type: object}\n", i, i > f
            else if (k == 4) printf "replicaCount: %d\nimage:\n  repository: registry.example.com/app\n  tag: \"%d\"\nschedule: \"*/5 * * * *\"\nresources: {}\n", i % 5, i > f
            else if (k == 5) printf "- hosts: web\n  tasks:\n    - name: install %d\n      apt: {name: nginx, state: present}\n", i > f
            else printf "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: job-%d\nspec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n", i > f
            close(f)
        }
    }'
}

big=""
if [[ $BIG -gt 0 ]]; then
    dir=$WORK/corpus-big
    "$GEN" "$dir" "$BIG" 1 >/dev/null
    files=$(find "$dir" -type f -name '*.yaml' | wc -l | tr -d ' ')
    echo "corpus of $BIG campaigns: $files files (peak memory only)" >&2
    cd "$dir"
    big="Peak memory at $BIG campaigns ($files files, \`promolint check --format json .\`, median of 3): **$(peak_mb $CHECK .) MB**; on one thread with \`--no-cache\`: $(RAYON_NUM_THREADS=1 peak_mb $CHECK --no-cache .) MB."
    cd "$ROOT"
    rm -rf "$dir"
fi

mixed=""
if [[ $FOREIGN -gt 0 ]]; then
    dir=$WORK/mixed
    "$GEN" "$dir" 100 1 >/dev/null
    cp -r "$dir" "$WORK/campaigns-only"
    write_foreign "$dir" "$FOREIGN"
    files=$(find "$dir" -type f -name '*.yaml' | wc -l | tr -d ' ')
    echo "mixed repository: $files files ($FOREIGN foreign)" >&2
    cd "$WORK/campaigns-only"
    mapfile -t alone < <(time_commands "$CHECK .")
    mem_alone=$(peak_mb $CHECK .)
    cd "$dir"
    mapfile -t both < <(time_commands "$CHECK .")
    mem_both=$(peak_mb $CHECK .)
    skipped=$( ($CHECK . 2>/dev/null || true) | awk -F': ' '/"files_skipped"/ {gsub(/,/, "", $2); print $2}')
    cd "$ROOT"
    mixed="Mixed repository (100 campaigns and 20 templates, seed 1, beside $FOREIGN foreign YAML files: compose, Kubernetes, CI, OpenAPI, Helm values, Ansible, CronJobs; \`files_skipped\` $skipped): **$(fmt_ms "${both[0]}")** median, peak $mem_both MB, against $(fmt_ms "${alone[0]}") and $mem_alone MB for the 120 campaign files alone ($(ratio "${both[0]}" "${alone[0]}")×)."
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
echo
echo "Machine: $(nproc) cores (\`nproc\`), ${cpu:-unknown CPU}; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a) when the run ended."
echo "Timer: $(command -v "$HYPERFINE" >/dev/null && echo "hyperfine, median of $RUNS runs" || echo "shell loop, median of $RUNS runs"). Commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
echo
if ((${#rows[@]})); then
    echo "| campaigns | files | MB | promolint (\`--format json\`, all rules) | files/s | MB/s | peak memory | floor, 1 core | floor, 2 cores | promolint / floor (2 cores) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    echo
fi
if ((${#cpu_rows[@]})); then
    echo "| campaigns | files | promolint CPU, 1 thread (\`--no-cache\`) | floor CPU, 1 thread | × floor | peak memory, 1 thread |"
    echo "|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${cpu_rows[@]}"
    echo
fi
[[ -n $big ]] && echo "$big" && echo
[[ -n $latency ]] && echo "$latency"
[[ -n $cached ]] && echo && echo "$cached"
[[ -n $mixed ]] && echo && echo "$mixed"

if [[ $STAGES == 1 ]]; then
    echo >&2
    echo "in-process stages (divan, 1,000 campaign files, one thread)..." >&2
    out=$WORK/divan.txt
    PROMOLINT_BENCH_FILES=1000 cargo bench --quiet --bench pipeline >"$out" 2>/dev/null
    # Divan's tree: "├─ name  fastest │ slowest │ median │ mean │ samples │ iters".
    echo
    echo "| stage (1,000 files, one thread) | median | per file | × floor |"
    echo "|---|---:|---:|---:|"
    awk -F'│' '
        function secs(v,   p, u) {
            split(v, p, " "); u = p[2]
            return p[1] * (u == "s" ? 1 : u == "ms" ? 1e-3 : u == "ns" ? 1e-9 : 1e-6)
        }
        /^(├|╰)─ / {
            name = $1; sub(/^(├|╰)─ */, "", name); split(name, w, " "); name = w[1]
            med[name] = secs($3); order[++k] = name
        }
        END {
            files = 1020; floor = med["floor"]
            split("floor load extract rules output_json", stages, " ")
            for (i = 1; i <= 5; i++) {
                n = stages[i]; sum += (n == "floor") ? 0 : med[n]
                printf "| %s | %.2f ms | %.1f µs | %.2f |\n", n, med[n] * 1e3, med[n] / files * 1e6, med[n] / floor
            }
            printf "| load + extract + rules + output_json | %.2f ms | %.1f µs | %.2f |\n", sum * 1e3, sum / files * 1e6, sum / floor
            printf "| check (whole run, rayon threads, no output) | %.2f ms | %.1f µs | %.2f |\n", med["check"] * 1e3, med["check"] / files * 1e6, med["check"] / floor
        }' "$out"
    echo
    echo "(\`load\` includes the parse, so it is compared with the floor as a whole; \`check\` also walks and reads the files; \`output_json\` writes the report of that run.)"
fi
