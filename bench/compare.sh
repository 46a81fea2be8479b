#!/usr/bin/env bash
# compare.sh - swarmsync and Syncthing 1.19 side by side on the same workloads, same machine,
# same run: medians over N runs and the ratio swarmsync / Syncthing (below 1 = we are faster).
#
# Usage: bench/compare.sh [-n RUNS] [--limits] [DATASET...]
#   datasets: big small edit insert (both tools); tiny scan swarm (swarmsync only: the shared
#   Syncthing baseline has no such workload). --limits first runs
#   ../shared/bench/machine-limits.sh openssl java net disk in the same run.
# Needs: syncthing, jq, curl, openssl (apt-get install syncthing jq curl openssl) and
# ../shared/bench/syncthing-baseline.sh beside this checkout. Loopback only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ST=${ST_BASELINE:-$ROOT/../shared/bench/syncthing-baseline.sh}
RUNS=3
LIMITS=0
while [[ ${1:-} == -* ]]; do
  case $1 in
    -n) RUNS=$2; shift 2 ;;
    --limits) LIMITS=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ $# -gt 0 ]] || set -- big small
results=$(mktemp)
trap 'rm -f "$results"' EXIT
if [[ $LIMITS == 1 ]]; then
  echo "[$(date +%H:%M:%S)] machine limits" >&2
  "$(dirname "$ST")/machine-limits.sh" openssl java net disk 2>/dev/null | grep '^summary' || true
fi
for ds in "$@"; do
  for ((r = 1; r <= RUNS; r++)); do
    echo "[$(date +%H:%M:%S)] $ds run $r/$RUNS: swarmsync" >&2
    "$ROOT/bench/sync-bench.sh" "$ds" 2>/dev/null | awk '$2 ~ /^[0-9.]+$/ {print "swarmsync", $1, $2}' >>"$results"
    case $ds in big | small | edit | insert)
      echo "[$(date +%H:%M:%S)] $ds run $r/$RUNS: syncthing" >&2
      "$ST" "$ds" 2>/dev/null | awk '$2 ~ /^[0-9.]+$/ {print "syncthing", $1, $2}' >>"$results" ;;
    esac
  done
done
printf '%-28s %12s %12s %8s\n' metric swarmsync syncthing ratio
for metric in $(awk '{print $2}' "$results" | sort -u); do
  case $metric in *.sync_s|*.a_sent_MiB|*.a_rss_peak_MiB|*.b_rss_peak_MiB|*.a_cpu_s|*.b_cpu_s|*.a_scan_s|scan.*|swarm.*) ;; *) continue ;; esac
  med() { awk -v e="$1" -v m="$metric" '$1 == e && $2 == m {print $3}' "$results" | sort -g |
    awk '{v[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2] + v[NR/2+1]) / 2}'; }
  a=$(med swarmsync); b=$(med syncthing)
  printf '%-28s %12s %12s %8s\n' "$metric" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN{if (b+0 == 0 || a == "nan") print "-"; else printf "%.2f", a/b}')"
done
