#!/usr/bin/env bash
# Runs the daily job on the bundled 3-day sample inbox, day by day, against a fresh store.
# Outputs land in out/<day>/; the store is out/reconcile.db. Exit code: the worst day's.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Reconcile.Cli -c Release -o .build/reconcile -v quiet -nologo >/dev/null || { echo "build failed" >&2; exit 3; }
rm -rf out && mkdir -p out
worst=0
for day in 2024-11-06 2024-11-07 2024-11-08; do
  echo "== reconcile run --date $day"
  dotnet .build/reconcile/reconcile.dll run --inbox samples/inbox --date "$day" --out out --store out/reconcile.db "$@"
  rc=$?
  echo "exit code $rc"
  [ "$rc" -gt "$worst" ] && worst=$rc
done
exit "$worst"
