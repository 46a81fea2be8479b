#!/usr/bin/env bash
# scale-bench.sh - a folder of N small-or-empty files (default 1,000,000) in one daemon with
# -Xmx512m: first scan time, index size on disk, heap after the scan; then a second node that
# knows only the first learns the whole index and creates every file.
#
# Usage: bench/scale-bench.sh [FILES]         FILES: default 1000000 (1,000 directories)
# Output: "metric value unit" lines on stdout, progress on stderr.
# Files: every 10th file holds 1-100 bytes, the others are empty. Loopback only (--no-lan
# --no-dht --no-tracker --no-upnp --no-relay). Needs jq, curl, python3, jcmd (the JDK).
# Env: BENCH_TMP [/tmp] (needs ~2 x FILES inodes), SCALE_TIMEOUT [3600] seconds per phase,
#      SCALE_XMX [512m], KEEP [0], SCALE_GC [the launcher's: -Xms32m -XX:+UseSerialGC
#      -Xmn24m; the figures of 2026-11-26 in docs/benchmarks.md were measured with
#      -XX:+UseG1GC], SCALE_JAVA_OPTS [] (more JVM options for both daemons, e.g.
#      -XX:StartFlightRecording=filename=/tmp/scale-%p.jfr).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SS="$ROOT/swarmsync"
FILES=${1:-1000000}
BENCH_TMP=${BENCH_TMP:-/tmp}
SCALE_TIMEOUT=${SCALE_TIMEOUT:-3600}
SCALE_XMX=${SCALE_XMX:-512m}
KEEP=${KEEP:-0}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
out() { printf '%s %s %s\n' "$1" "$2" "$3"; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a-b}'; }
fdiv() { awk -v a="$1" -v b="$2" 'BEGIN{if (b+0==0) print "nan"; else printf "%.3f", a/b}'; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

WORK=$(mktemp -d "$BENCH_TMP/ssscale.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
  [[ $KEEP == 1 ]] && log "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

SWARMSYNC_JAVA_OPTS= "$SS" --version >/dev/null   # builds the jar if needed
KEY=$(SWARMSYNC_JAVA_OPTS= "$SS" key new)
common=(--gui 127.0.0.1:0 --no-lan --no-dht --no-tracker --no-upnp --no-relay)
declare -A PID PORT
for n in a b; do
  mkdir -p "$WORK/$n/folder"
  "$SS" folder add --home "$WORK/$n/home" --key "$KEY" "$WORK/$n/folder" >/dev/null
  PORT[$n]=$(free_port)
done
start_node() { # name [--peer HOST:PORT]
  local name=$1; shift
  # shellcheck disable=SC2086
  java "-Xmx$SCALE_XMX" ${SCALE_GC:--Xms32m -XX:+UseSerialGC -Xmn24m} ${SCALE_JAVA_OPTS:-} -jar "$ROOT/target/swarmsync.jar" daemon \
    --home "$WORK/$name/home" --listen "127.0.0.1:${PORT[$name]}" "$@" "${common[@]}" \
    >"$WORK/$name.log" 2>&1 &
  PID[$name]=$!; PIDS+=("$!")
}
status() {
  local h=$WORK/$1/home gui
  gui=$(jq -r .gui "$h/daemon.json" 2>/dev/null) || return 1
  curl -fsS -m 60 -H "X-API-Key: $(cat "$h/api-key")" "http://$gui/rest/status"
}
field() { status "$1" | jq -r ".folders[0].$2" 2>/dev/null || echo -1; }
wait_for() { # what seconds command...
  local what=$1 to=$2; shift 2
  local end=$((SECONDS + to))
  until "$@"; do
    kill -0 "${PID[a]}" 2>/dev/null || die "daemon a died: $(tail -3 "$WORK/a.log")"
    ((SECONDS < end)) || die "timeout (${to}s) waiting for: $what"
    sleep 0.5
  done
}
heap_used_mib() { # pid: heap in use after a full GC, from jcmd (G1: one line; serial: the sum
  # of the young and the tenured generation)
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap|new generation|tenured generation/ {
    for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i+1); sub(/K,?/, "", v); s += v}}
    END {if (s > 0) print int(s / 1024)}'
}

log "creating $FILES files in $WORK/a/folder"
t0=$EPOCHREALTIME
python3 - "$WORK/a/folder" "$FILES" <<'EOF'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1)
per_dir = 1000
for i in range(n):
    d = os.path.join(root, "d%04d" % (i // per_dir))
    if i % per_dir == 0:
        os.mkdir(d)
    with open(os.path.join(d, "f%07d" % i), "wb") as f:
        if i % 10 == 0:
            f.write(rnd.randbytes(rnd.randint(1, 100)))
EOF
log "created in $(fsub "$EPOCHREALTIME" "$t0") s"
sync
out scale.files "$FILES" files

t0=$EPOCHREALTIME
start_node a
local_files_are() { [[ $(field "$1" local_files) == "$2" && $(field "$1" state) == idle ]]; }
wait_for "a scanned $FILES files" "$SCALE_TIMEOUT" local_files_are a "$FILES"
out scale.scan_s "$(fsub "$EPOCHREALTIME" "$t0")" s
out scale.index_MiB "$(fdiv "$(du -sb "$WORK/a/home" | cut -f1)" 1048576)" MiB
out scale.a_heap_used_MiB "$(heap_used_mib "${PID[a]}")" MiB
out scale.a_rss_peak_MiB "$(fdiv "$(hwm_kib "${PID[a]}")" 1024)" MiB

t0=$EPOCHREALTIME
start_node b --peer "127.0.0.1:${PORT[a]}"
knows_all() { # the last page of a's full index has reached b
  status b | jq -e '.folders[0].peers[0].index_complete' >/dev/null
}
wait_for "b learned the index" "$SCALE_TIMEOUT" knows_all
out scale.learn_index_s "$(fsub "$EPOCHREALTIME" "$t0")" s
wait_for "b holds every file" "$SCALE_TIMEOUT" local_files_are b "$FILES"
out scale.b_in_sync_s "$(fsub "$EPOCHREALTIME" "$t0")" s
out scale.b_heap_used_MiB "$(heap_used_mib "${PID[b]}")" MiB
out scale.b_rss_peak_MiB "$(fdiv "$(hwm_kib "${PID[b]}")" 1024)" MiB
[[ $(find "$WORK/b/folder" -path "$WORK/b/folder/.sync" -prune -o -type f -print | wc -l) == "$FILES" ]] \
  || die "b does not hold $FILES files"
log "done"
