#!/usr/bin/env bash
# End-to-end benchmark of `reconcile run` on generated one-day inboxes.
#
#   bench/run.sh [sizes...]        default sizes: 100000 1000000 (10000000 only when asked: ~15 GB disk, minutes)
#   RUNS=5 bench/run.sh 1000000    runs per size (default 3), each a separate process with a fresh store and out dir
#   PEER=0 bench/run.sh            skip the SQL peer (bench/Reconcile.SqlPeer, DuckDB), otherwise timed after each
#                                  engine run on the same inbox, alternating, and reported with the ratio (issue 13)
#
# Builds src/Reconcile.Cli in Release once (to bench/.build), generates each inbox once (bench/cache/<size>-seed1,
# git-ignored), times every run under GNU time, and prints a Markdown table that is also written to
# bench/results/latest.md (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$here/.build"
cache="$here/cache"
results="$here/results"
runs="${RUNS:-3}"
date="2024-11-06"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(100000 1000000)
fi

if [ ! -x /usr/bin/time ]; then
    echo "GNU time is missing: apt-get install -y time" >&2
    exit 1
fi

# ReadyToRun (ahead-of-time compiled) as a deployment would ship it: it halves the ~1.5 s a process spends in the JIT
# before the first line is read. Falls back to a plain build where the feed lacks the crossgen2 package.
case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) rid="" ;;
esac
echo "== building src/Reconcile.Cli (Release${rid:+, ReadyToRun $rid}) into $build/cli" >&2
if [ -z "$rid" ] || ! dotnet publish "$root/src/Reconcile.Cli" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
        -o "$build/cli" --artifacts-path "$build/artifacts" -v quiet -nologo >&2; then
    echo "== ReadyToRun publish failed: timing a plain Release build" >&2
    rm -rf "$build/cli"
    dotnet publish "$root/src/Reconcile.Cli" -c Release -o "$build/cli" --artifacts-path "$build/artifacts" -v quiet -nologo >&2
fi
peer="${PEER:-1}"
if [ "$peer" = 1 ]; then
    echo "== building the SQL peer (bench/Reconcile.SqlPeer, Release) into $build/peer" >&2
    dotnet publish "$here/Reconcile.SqlPeer" -c Release -o "$build/peer" --artifacts-path "$build/artifacts" -v quiet -nologo >&2
fi
cli=("$build/cli/reconcile")
if [ ! -x "${cli[0]}" ]; then
    cli=(dotnet "$build/cli/reconcile.dll")
fi

mkdir -p "$cache" "$results"
work="$(mktemp -d /tmp/reconcile-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# "h:mm:ss" or "m:ss.ss" from GNU time → seconds
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }

declare -A wall_of row_of
peer_table="| lines | runs | SQL peer wall s (median) | peer peak RSS MiB | peer wall / engine wall |
|---:|---:|---:|---:|---:|"
table="| lines | runs | wall s (median) | lines/s | CPU/wall | peak RSS MiB | RSS bytes/line | in-process s | read s | match s | proof s | store s | write s |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

for size in "${sizes[@]}"; do
    inbox="$cache/$size-seed1"
    if [ ! -f "$inbox/accounts.csv" ]; then
        echo "== generating $size lines into $inbox" >&2
        rm -rf "$inbox"
        "${cli[@]}" samples generate --out "$inbox" --date "$date" --days 1 --lines "$size" --seed 1 >&2
    fi

    : > "$work/$size.tsv"
    for i in $(seq 1 "$runs"); do
        out="$work/out-$size-$i"
        rm -rf "$out"
        mkdir -p "$out"
        echo "== run $i/$runs of $size lines" >&2
        code=0
        /usr/bin/time -v -o "$work/time-$size-$i.txt" \
            "${cli[@]}" run --inbox "$inbox" --date "$date" --out "$out" --store "$out/store.db" --plain \
            > "$work/stdout-$size-$i.txt" 2>&1 || code=$?
        if [ "$code" -gt 1 ]; then
            echo "run failed (exit $code); its output:" >&2
            cat "$work/stdout-$size-$i.txt" "$work/time-$size-$i.txt" >&2
            exit 1
        fi
        summary="$(find "$out" -name summary.json | head -n 1)"
        if [ -z "$summary" ]; then
            echo "no summary.json under $out" >&2
            exit 1
        fi
        # A fast wrong answer is no result: the run must find what the generator planted (expected.json).
        python3 - "$inbox/expected.json" "$(dirname "$summary")" "$code" <<'PY' || exit 1
import csv, json, sys
expected_path, day_dir, code = sys.argv[1], sys.argv[2], int(sys.argv[3])
day = json.load(open(expected_path, encoding="utf-8"))["business_days"][0]
def ids(name, column):
    with open(f"{day_dir}/{name}", encoding="utf-8-sig", newline="") as f:
        return sorted(r[column] for r in csv.DictReader(f))
want = sorted(d["discrepancy_id"] for d in day["discrepancies"])
got = ids("discrepancies.csv", "discrepancy_id")
transit = len(ids("in_transit.csv", "escrow_account_no"))
problems = []
if code != day["exit_code"]:
    problems.append(f"exit code {code}, expected {day['exit_code']}")
if got != want:
    problems.append(f"discrepancy ids differ: missing {sorted(set(want) - set(got))[:5]}, unexpected {sorted(set(got) - set(want))[:5]}")
if transit != len(day["in_transit"]):
    problems.append(f"{transit} in transit, expected {len(day['in_transit'])}")
if problems:
    sys.exit(f"the run's results differ from {expected_path}: " + "; ".join(problems))
print(f"   results as expected: exit {code}, {len(got)} discrepancies, {transit} in transit", file=sys.stderr)
PY
        wall="$(grep 'Elapsed (wall clock)' "$work/time-$size-$i.txt" | awk '{ print $NF }' | to_seconds)"
        user="$(grep 'User time' "$work/time-$size-$i.txt" | awk '{ print $NF }')"
        sys="$(grep 'System time' "$work/time-$size-$i.txt" | awk '{ print $NF }')"
        rss="$(grep 'Maximum resident set size' "$work/time-$size-$i.txt" | awk '{ print $NF }')"
        # bank lines + ledger entries and the phase times, from the run's own summary.json
        python3 - "$summary" "$wall" "$user" "$sys" "$rss" >> "$work/$size.tsv" <<'PY'
import json, sys
path, wall, user, sys_, rss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
s = json.load(open(path, encoding="utf-8"))
# summary.json: totals.{bank_lines,ledger_entries}, elapsed_ms (inside the process), phases_ms.{read,match,proof,store,write}
lines = s["totals"]["bank_lines"] + s["totals"]["ledger_entries"]
phases = s.get("phases_ms", {})
def phase(name):
    v = phases.get(name)
    return "" if v is None else f"{v / 1000:.2f}"
print("\t".join([f"{wall:.3f}", str(lines), f"{(user + sys_) / wall:.2f}", f"{rss / 1024:.0f}",
                 f"{s['elapsed_ms'] / 1000:.2f}", phase("read"), phase("match"), phase("proof"), phase("store"), phase("write")]))
PY
        rm -rf "$out"
        if [ "$peer" = 1 ]; then
            mkdir -p "$out"
            echo "== SQL peer run $i/$runs of $size lines" >&2
            /usr/bin/time -v -o "$work/ptime-$size-$i.txt" dotnet "$build/peer/sqlpeer.dll" "$inbox" "$date" "$out" \
                > "$work/pstdout-$size-$i.txt" 2>&1 || { cat "$work/pstdout-$size-$i.txt" >&2; exit 1; }
            sed 's/^/   /' "$work/pstdout-$size-$i.txt" >&2
            pwall="$(grep 'Elapsed (wall clock)' "$work/ptime-$size-$i.txt" | awk '{ print $NF }' | to_seconds)"
            prss="$(grep 'Maximum resident set size' "$work/ptime-$size-$i.txt" | awk '{ print $NF }')"
            printf '%s\t%.0f\n' "$pwall" "$((prss / 1024))" >> "$work/$size.peer.tsv"
            rm -rf "$out"
        fi
    done
    if [ "$peer" = 1 ]; then
        IFS=$'\t' read -r pwall prss <<< "$(sort -g "$work/$size.peer.tsv" | sed -n "$(( (runs + 1) / 2 ))p")"
        ratio="$(awk -v p="$pwall" -v e="$(sort -g "$work/$size.tsv" | sed -n "$(( (runs + 1) / 2 ))p" | cut -f1)" 'BEGIN { printf "%.2f", p / e }')"
        peer_table+="
| $size | $runs | $pwall | $prss | $ratio |"
    fi

    # the median run by wall time gives every column of the row (its figures belong together)
    sort -g "$work/$size.tsv" > "$work/$size.sorted"
    row="$(sed -n "$(( (runs + 1) / 2 ))p" "$work/$size.sorted")"
    IFS=$'\t' read -r wall lines cpu rss elapsed read match proof store write <<< "$row"
    wall_of[$size]="$wall"
    row_of[$size]="$row"
    lps="$(awk -v l="$lines" -v w="$wall" 'BEGIN { printf "%.0f", l / w }')"
    # peak RSS over bank lines + ledger entries: an upper bound of the bytes held per line (it includes the runtime,
    # the host and the journal, ~100 MiB, which dominate below 1M lines)
    bpl="$(awk -v r="$rss" -v l="$lines" 'BEGIN { printf "%.0f", r * 1048576 / l }')"
    table+="
| $lines | $runs | $wall | $lps | $cpu | $rss | $bpl | $elapsed | $read | $match | $proof | $store | $write |"
done

load="$(uptime | sed 's/.*load average: //')"
report="# reconcile run: measured $(date -u '+%Y-%m-%d %H:%M UTC')

Machine: $(nproc) CPUs, $(free -g | awk '/^Mem:/ { print $2 }') GiB memory, $(lscpu | grep 'Model name' | sed 's/Model name: *//'); load average after the runs: $load

$table
"
if [ "$peer" = 1 ]; then
    report+="
The SQL peer (bench/Reconcile.SqlPeer: transcode to UTF-8, DuckDB read_csv, three hash-join rungs, per-account sums;
fewer rules than the engine, no store), same inbox, timed after each engine run (issue 13 asks for ≥ 4×):

$peer_table
"
fi
# Issue 5's targets, judged on the medians above (a size not run is not judged).
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "<=") ? v <= t : v >= t; printf "%s", ok ? "met" : sprintf("NOT met (%.2f× the target)", (op == "<=") ? v / t : t / v) }'; }
targets=""
if [ -n "${row_of[1000000]:-}" ]; then
    IFS=$'\t' read -r wall _ _ _ _ <<< "${row_of[1000000]}"
    targets+="
- 1M + 1M lines in ≤ 2 s wall: ${wall} s — $(verdict "$wall" 2 "<=")"
fi
if [ -n "${row_of[10000000]:-}" ]; then
    IFS=$'\t' read -r wall _ cpu rss _ <<< "${row_of[10000000]}"
    targets+="
- 10M + 10M lines in ≤ 15 s wall: ${wall} s — $(verdict "$wall" 15 "<=")
- 10M + 10M lines in ≤ 3 GiB peak RSS: ${rss} MiB — $(verdict "$rss" 3072 "<=")
- both cores on 10M, CPU/wall ≥ 1.6: ${cpu} — $(verdict "$cpu" 1.6 ">=")"
fi
for pair in "100000 1000000" "1000000 10000000"; do
    read -r small large <<< "$pair"
    if [ -n "${wall_of[$small]:-}" ] && [ -n "${wall_of[$large]:-}" ]; then
        growth="$(awk -v a="${wall_of[$small]}" -v b="${wall_of[$large]}" 'BEGIN { printf "%.2f", b / a }')"
        targets+="
- growth $small → $large lines ≤ 11×: ${growth}× — $(verdict "$growth" 11 "<=")"
    fi
done
if [ -n "$targets" ]; then
    report+="
Targets (issue 5):$targets
"
fi

printf '%s' "$report" > "$results/latest.md"
printf '%s' "$report"
