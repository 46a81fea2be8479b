#!/usr/bin/env bash
# sync-bench.sh - two swarmsync daemons on loopback, measured on the same workloads as
# ../shared/bench/syncthing-baseline.sh (same data generator, same t0 and end definitions).
#
# Usage: bench/sync-bench.sh DATASET        one run: big | small | edit | insert
# Output: "metric value unit" lines on stdout, progress on stderr.
# t0 = the moment the change is in A's folder; end = B reports in_sync with nothing needed
# and B's tree hashes equal to A's. Loopback only: --no-lan --no-dht --no-tracker --no-upnp.
# Env: BENCH_TMP [/tmp], SEED [1], SYNC_TIMEOUT [240], EDIT_OFFSET [536870912], KEEP [0],
#      SWARMSYNC_JAVA_OPTS (JVM options of both daemons; default: the launcher's defaults).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SS="$ROOT/swarmsync"
BENCH_TMP=${BENCH_TMP:-/tmp}
SEED=${SEED:-1}
SYNC_TIMEOUT=${SYNC_TIMEOUT:-240}
EDIT_OFFSET=${EDIT_OFFSET:-536870912}
KEEP=${KEEP:-0}
MIB=1048576
BIG_BYTES=$((1024 * MIB))
DATASET=${1:-big}
case $DATASET in big | small | edit | insert) ;; *) echo "dataset: big|small|edit|insert" >&2; exit 2 ;; esac

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
out() { printf '%s %s %s\n' "$1" "$2" "$3"; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a-b}'; }
fdiv() { awk -v a="$1" -v b="$2" 'BEGIN{if (b+0==0) print "nan"; else printf "%.3f", a/b}'; }
cpu_ticks() { local f; read -r -a f <"/proc/$1/stat"; echo $((f[13] + f[14])); }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
CLK_TCK=$(getconf CLK_TCK)
rand_stream() { openssl enc -aes-256-ctr -pass "pass:$1" -nosalt -pbkdf2 </dev/zero 2>/dev/null || true; }
gen_big() { rand_stream "big-$SEED" | head -c "$BIG_BYTES" >"$1"; }
gen_small() {
  local d f
  RANDOM=$SEED
  exec 3< <(rand_stream "small-$SEED")
  for ((d = 0; d < 100; d++)); do
    mkdir -p "$1/d$(printf %03d $d)"
    for ((f = 0; f < 100; f++)); do
      head -c $(((((RANDOM << 15) | RANDOM) % 64513) + 1024)) <&3 >"$1/d$(printf %03d $d)/f$(printf %05d $((d * 100 + f))).bin"
    done
  done
  exec 3<&-
}
manifest() {
  (cd "$1" && find . -path ./.sync -prune -o -type f -print0 | sort -z |
    xargs -0 -r -n 256 openssl dgst -sha256 -r) | sed 's/ \*/ /' | sort -k2 | openssl dgst -sha256 -r | cut -c1-64
}
tree_bytes() { find "$1" -path "$1/.sync" -prune -o -type f -printf '%s\n' | awk '{s+=$1} END{print s+0}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# bytes a process sent over its TCP sockets (TLS records included), from the kernel
sent_bytes() { ss -Htinp 2>/dev/null | awk -v pid="pid=$1," '
  /^[A-Z]/ { mine = index($0, pid) > 0; next }
  mine { for (i = 1; i <= NF; i++) if ($i ~ /^bytes_sent:/) { split($i, a, ":"); s += a[2] } }
  END { print s + 0 }'; }

WORK=$(mktemp -d "$BENCH_TMP/ssbench.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
  [[ $KEEP == 1 ]] && log "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

SWARMSYNC_JAVA_OPTS= "$SS" --version >/dev/null   # builds the jar if needed
A_DIR=$WORK/a/folder B_DIR=$WORK/b/folder STAGE=$WORK/stage
mkdir -p "$A_DIR" "$B_DIR" "$STAGE"
KEY=$(SWARMSYNC_JAVA_OPTS= "$SS" key new)
"$SS" folder add --home "$WORK/a/home" --key "$KEY" "$A_DIR" >/dev/null
"$SS" folder add --home "$WORK/b/home" --key "$KEY" "$B_DIR" >/dev/null
PA=$(free_port); PB=$(free_port)
log "generating dataset ($DATASET, seed $SEED)"
case $DATASET in
  small) mkdir -p "$STAGE/small"; gen_small "$STAGE/small" ;;
  *) gen_big "$STAGE/big.bin" ;;
esac
sync
common=(--gui 127.0.0.1:0 --no-lan --no-dht --no-tracker --no-upnp --no-relay)
JOPTS=${SWARMSYNC_JAVA_OPTS:--Xmx512m -XX:+UseG1GC}
java $JOPTS -jar "$ROOT/target/swarmsync.jar" daemon --home "$WORK/a/home" \
  --listen "127.0.0.1:$PA" "${common[@]}" >"$WORK/a.log" 2>&1 &
PID_A=$!; PIDS+=("$PID_A")
java $JOPTS -jar "$ROOT/target/swarmsync.jar" daemon --home "$WORK/b/home" \
  --listen "127.0.0.1:$PB" --peer "127.0.0.1:$PA" "${common[@]}" >"$WORK/b.log" 2>&1 &
PID_B=$!; PIDS+=("$PID_B")

status() { # a|b -> status JSON straight from the REST API (no JVM start per poll)
  local h=$WORK/$1/home gui
  gui=$(jq -r .gui "$h/daemon.json" 2>/dev/null) || return 1
  curl -fsS -m 5 -H "X-API-Key: $(cat "$h/api-key")" "http://$gui/rest/status"
}
wait_until() {
  local to=$1 what=$2; shift 2
  local end=$((SECONDS + to))
  until "$@"; do ((SECONDS < end)) || die "timeout (${to}s) waiting for: $what"; sleep 0.1; done
}
connected() { [[ -f $WORK/b/home/daemon.json ]] && status b | jq -e '.folders[0].peers | length == 1' >/dev/null; }
in_sync() { # expected bytes
  local j; j=$(status b) || return 1
  jq -e --argjson b "$1" '.folders[0] | .in_sync and .need_files == 0 and .local_bytes == $b' \
    <<<"$j" >/dev/null
}
wait_until 90 "B connected to A" connected

measure() { # phase expected_bytes action...
  local phase=$1 expect=$2; shift 2
  local a0 b0 ca0 cb0 t0 t1 hwa=0 hwb=0
  a0=$(sent_bytes "$PID_A"); b0=$(sent_bytes "$PID_B")
  ca0=$(cpu_ticks "$PID_A"); cb0=$(cpu_ticks "$PID_B")
  "$@"
  t0=$EPOCHREALTIME
  local end=$((SECONDS + SYNC_TIMEOUT))
  until in_sync "$expect"; do ((SECONDS < end)) || die "$phase: not in sync after ${SYNC_TIMEOUT}s"; sleep 0.05; done
  t1=$EPOCHREALTIME
  [[ $(manifest "$A_DIR") == $(manifest "$B_DIR") ]] || die "$phase: trees differ"
  local a1 b1; a1=$(sent_bytes "$PID_A"); b1=$(sent_bytes "$PID_B")
  out "$phase.sync_s" "$(fsub "$t1" "$t0")" s
  out "$phase.a_sent_MiB" "$(fdiv $((a1 - a0)) $MIB)" MiB
  out "$phase.b_sent_MiB" "$(fdiv $((b1 - b0)) $MIB)" MiB
  out "$phase.a_cpu_s" "$(fdiv $(($(cpu_ticks "$PID_A") - ca0)) "$CLK_TCK")" s
  out "$phase.b_cpu_s" "$(fdiv $(($(cpu_ticks "$PID_B") - cb0)) "$CLK_TCK")" s
  out "$phase.a_rss_peak_MiB" "$(fdiv "$(hwm_kib "$PID_A")" 1024)" MiB
  out "$phase.b_rss_peak_MiB" "$(fdiv "$(hwm_kib "$PID_B")" 1024)" MiB
  log "$phase: in sync after $(fsub "$t1" "$t0")s"
}

out dataset "$DATASET" -
if [[ $DATASET == small ]]; then
  measure small "$(tree_bytes "$STAGE/small")" mv "$STAGE/small" "$A_DIR/small"
else
  measure big "$BIG_BYTES" mv "$STAGE/big.bin" "$A_DIR/big.bin"
  if [[ $DATASET == edit ]]; then
    rand_stream "edit-$SEED" | head -c $MIB >"$STAGE/patch.bin"; sync
    measure edit "$BIG_BYTES" dd if="$STAGE/patch.bin" of="$A_DIR/big.bin" bs=$MIB count=1 \
      seek="$EDIT_OFFSET" oflag=seek_bytes conv=notrunc status=none
  elif [[ $DATASET == insert ]]; then
    rand_stream "insert-$SEED" | head -c $MIB >"$STAGE/patch.bin"
    { head -c "$EDIT_OFFSET" "$A_DIR/big.bin"; cat "$STAGE/patch.bin"; tail -c +$((EDIT_OFFSET + 1)) "$A_DIR/big.bin"; } >"$STAGE/big.new"
    sync
    measure insert $((BIG_BYTES + MIB)) mv "$STAGE/big.new" "$A_DIR/big.bin"
  fi
fi
