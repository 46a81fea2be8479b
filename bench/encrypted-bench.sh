#!/usr/bin/env bash
# encrypted-bench.sh - what syncing through an encrypted host (E key) costs, against syncing
# directly. Three daemons on loopback: A (read-write) holds SIZE_MIB of random data.
#   direct:  read-only node B1 pulls it from A.
#   upload:  encrypted host E pulls it from A (ciphertext only).
#   via_e:   A stops; read-only node B2 pulls it from E alone, decrypting and verifying.
# Output: "metric value unit" lines on stdout (sync_s, MiB the receiving daemon's sockets
# received, CPU s of the receiver, bytes E stores), progress on stderr.
# Env: SIZE_MIB [256], BENCH_TMP [/tmp], SEED [1], SYNC_TIMEOUT [600], KEEP [0].
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SS="$ROOT/swarmsync"
SIZE_MIB=${SIZE_MIB:-256}
BENCH_TMP=${BENCH_TMP:-/tmp}
SEED=${SEED:-1}
SYNC_TIMEOUT=${SYNC_TIMEOUT:-600}
KEEP=${KEEP:-0}
MIB=1048576
BYTES=$((SIZE_MIB * MIB))

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
out() { printf '%s %s %s\n' "$1" "$2" "$3"; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a-b}'; }
fdiv() { awk -v a="$1" -v b="$2" 'BEGIN{if (b+0==0) print "nan"; else printf "%.3f", a/b}'; }
cpu_ticks() { local f; read -r -a f <"/proc/$1/stat"; echo $((f[13] + f[14])); }
CLK_TCK=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# What a daemon's open TCP sockets received (TLS included). Counted at the receiver, which
# starts in the phase, so every socket it has is the phase's own: a sum over the server's
# sockets would drop whatever a peer that left (B1) had taken.
received_bytes() { ss -Htinp 2>/dev/null | awk -v pid="pid=$1," '
  /^[A-Z]/ { mine = index($0, pid) > 0; next }
  mine { for (i = 1; i <= NF; i++) if ($i ~ /^bytes_received:/) { split($i, a, ":"); s += a[2] } }
  END { print s + 0 }'; }

WORK=$(mktemp -d "$BENCH_TMP/ssenc.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
  [[ $KEEP == 1 ]] && log "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

SWARMSYNC_JAVA_OPTS= "$SS" --version >/dev/null   # builds the jar if needed
KEY_A=$(SWARMSYNC_JAVA_OPTS= "$SS" key new)
KEY_B=$(SWARMSYNC_JAVA_OPTS= "$SS" key ro "$KEY_A")
KEY_E=$(SWARMSYNC_JAVA_OPTS= "$SS" key encrypted "$KEY_A")
for n in a b1 e b2; do mkdir -p "$WORK/$n/folder"; done
"$SS" folder add --home "$WORK/a/home" --key "$KEY_A" "$WORK/a/folder" >/dev/null
"$SS" folder add --home "$WORK/b1/home" --key "$KEY_B" "$WORK/b1/folder" >/dev/null
"$SS" folder add --home "$WORK/e/home" --key "$KEY_E" "$WORK/e/folder" >/dev/null
"$SS" folder add --home "$WORK/b2/home" --key "$KEY_B" "$WORK/b2/folder" >/dev/null
log "generating $SIZE_MIB MiB"
openssl enc -aes-256-ctr -pass "pass:enc-$SEED" -nosalt -pbkdf2 </dev/zero 2>/dev/null \
  | head -c "$BYTES" >"$WORK/a/folder/data.bin" || true
sync

common=(--gui 127.0.0.1:0 --no-lan --no-dht --no-tracker --no-upnp --no-relay)
JOPTS=${SWARMSYNC_JAVA_OPTS:--Xms32m -Xmx512m -XX:+UseSerialGC -Xmn24m}
declare -A PID PORT
start() { # name [peer-name]
  PORT[$1]=$(free_port)
  local peer=()
  [[ $# -gt 1 ]] && peer=(--peer "127.0.0.1:${PORT[$2]}")
  java $JOPTS -jar "$ROOT/target/swarmsync.jar" daemon --home "$WORK/$1/home" \
    --listen "127.0.0.1:${PORT[$1]}" "${common[@]}" "${peer[@]}" >"$WORK/$1.log" 2>&1 &
  PID[$1]=$!; PIDS+=("$!")
}
status() {
  local h=$WORK/$1/home gui
  gui=$(jq -r .gui "$h/daemon.json" 2>/dev/null) || return 1
  curl -fsS -m 5 -H "X-API-Key: $(cat "$h/api-key")" "http://$gui/rest/status"
}
member_done() { status "$1" | jq -e --argjson b "$BYTES" \
  '.folders[0] | .in_sync and .need_files == 0 and .local_bytes == $b' >/dev/null; }
host_done() { status e | jq -e '.folders[0] | .in_sync and .need_files == 0 and .local_files >= 1' >/dev/null; }
a_ready() { status a | jq -e --argjson b "$BYTES" '.folders[0] | .local_bytes == $b' >/dev/null; }
measure() { # phase server receiver condition...
  local phase=$1 server=$2 receiver=$3; shift 3
  local c0 t0 t1
  t0=$EPOCHREALTIME
  start "$receiver" "$server"
  c0=$(cpu_ticks "${PID[$receiver]}")
  local end=$((SECONDS + SYNC_TIMEOUT))
  until "$@"; do ((SECONDS < end)) || die "$phase: not done after ${SYNC_TIMEOUT}s"; sleep 0.05; done
  t1=$EPOCHREALTIME
  out "$phase.sync_s" "$(fsub "$t1" "$t0")" s
  out "$phase.received_MiB" "$(fdiv "$(received_bytes "${PID[$receiver]}")" $MIB)" MiB
  out "$phase.receiver_cpu_s_incl_start" "$(fdiv $(($(cpu_ticks "${PID[$receiver]}") - c0)) "$CLK_TCK")" s
  log "$phase: done after $(fsub "$t1" "$t0")s (daemon start included)"
}

start a
until [[ -f $WORK/a/home/daemon.json ]] && a_ready; do sleep 0.2; done
log "A scanned $SIZE_MIB MiB"
out size_MiB "$SIZE_MIB" MiB
measure direct a b1 member_done b1
cmp "$WORK/a/folder/data.bin" "$WORK/b1/folder/data.bin" || die "direct copy differs"
kill "${PID[b1]}"
measure upload a e host_done
out upload.e_stores_MiB "$(fdiv "$(du -sb "$WORK/e/folder" | cut -f1)" $MIB)" MiB
kill "${PID[a]}"; wait "${PID[a]}" 2>/dev/null || true
measure via_e e b2 member_done b2
cmp "$WORK/a/folder/data.bin" "$WORK/b2/folder/data.bin" || die "copy through E differs"
log "byte-identical through E"
