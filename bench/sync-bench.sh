#!/usr/bin/env bash
# sync-bench.sh - two swarmsync daemons on loopback, measured on the same workloads as
# ../shared/bench/syncthing-baseline.sh (same data generator, same t0 and end definitions).
#
# Usage: bench/sync-bench.sh DATASET        one run of one dataset:
#   big     (a) one 1 GiB random file, A -> B
#   small   (b) 10,000 files of 1-64 KiB in 100 directories (317 MiB), A -> B
#   edit    (c) after big, 1 MiB overwritten at 512 MiB
#   insert  (d) after big, 1 MiB inserted at 512 MiB (the rest shifted)
#   tiny    (e) one byte changed in a 4 KiB file, TINY_CHANGES times; time until B has it
#   scan    (f) A's first scan of big + small, from daemon start; sha256sum of the same tree
#   swarm   (g) big held by 3 seeders, pulled by one new node that knows all three
# Output: "metric value unit" lines on stdout, progress on stderr.
# t0 = the moment the change is in A's folder; end = B reports in_sync with nothing needed
# and B's tree hashes equal to A's. Loopback only: --no-lan --no-dht --no-tracker --no-upnp.
# Env: BENCH_TMP [/tmp], SEED [1], SYNC_TIMEOUT [240], EDIT_OFFSET [536870912], KEEP [0],
#      TINY_CHANGES [7], SEEDERS [3] (swarm: how many seeders),
#      WARMUP [0] (1: big, small, edit, insert: before the measured phase both daemons sync a
#        64 MiB file and 2,000 small files of other content, then their deletion, as an
#        always-on daemon has long done: the figures of a warm JVM, without its first JIT work),
#      SWARMSYNC_JAVA_OPTS (JVM options of both daemons; default: the launcher's defaults),
#      THREAD_CPU [0] (1: after each phase, each daemon's busiest threads by CPU time, on stderr),
#      LINK_MBIT (big and swarm: each seeder uploads through a link of that many Mbit/s of its
#        own, as seeders on other machines behind their uplinks: the run moves into a private
#        network namespace, where an HTB class on its loopback per seeder matches the seeder's
#        listening port; needs root and tc. The pulling node is behind a NAT: packets to its
#        listening port are dropped, so every connection is the one it dialed, from the
#        seeder's port. Every byte a seeder sent must have gone through its class, or the run
#        fails).
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
TINY_CHANGES=${TINY_CHANGES:-7}
SEEDERS=${SEEDERS:-3}
case $DATASET in big | small | edit | insert | tiny | scan | swarm) ;;
  *) echo "dataset: big|small|edit|insert|tiny|scan|swarm" >&2; exit 2 ;; esac

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
out() { printf '%s %s %s\n' "$1" "$2" "$3"; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a-b}'; }
fdiv() { awk -v a="$1" -v b="$2" 'BEGIN{if (b+0==0) print "nan"; else printf "%.3f", a/b}'; }
cpu_ticks() { local f; read -r -a f <"/proc/$1/stat"; echo $((f[13] + f[14])); }
thread_cpu() { # pid: the 12 threads (by name) with the most CPU time since start: total, user, system
  local t f
  for t in /proc/$1/task/*; do
    read -r f <"$t/stat" || continue
    f=${f#*) }; set -- $f
    printf '%s %s %s\n' "${12}" "${13}" "$(cat "$t/comm")"
  done | awk -v hz="$CLK_TCK" '{u = $1; s = $2; $1 = $2 = ""; U[$0] += u; S[$0] += s}
    END {for (k in U) printf "%8.2f s (user %.2f, system %.2f) %s\n", (U[k] + S[k]) / hz, U[k] / hz, S[k] / hz, k}' |
    sort -rn | head -12
}
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

LINK_MBIT=${LINK_MBIT:-}
if [[ -n $LINK_MBIT ]]; then
  [[ $DATASET == big || $DATASET == swarm ]] || die "LINK_MBIT applies to big and swarm only"
  if [[ ${SSBENCH_NETNS:-0} != 1 ]]; then
    [[ $EUID == 0 ]] || die "LINK_MBIT needs root (a private network namespace and tc)"
    SSBENCH_NETNS=1 exec unshare -n -- "$BASH" "${BASH_SOURCE[0]}" "$@"
  fi
  ip link set lo up
  tc qdisc add dev lo root handle 1: htb default 99
  tc class add dev lo parent 1: classid 1:99 htb rate 100gbit quantum 200000
fi
LINKS=0
declare -A LINK_CLASS
shape_uploads() { # name: from now on, what the node sends from its listening port is limited
  LINKS=$((LINKS + 1)); LINK_CLASS[$1]=$((LINKS + 10))
  tc class add dev lo parent 1: classid "1:${LINK_CLASS[$1]}" htb rate "${LINK_MBIT}mbit" \
    ceil "${LINK_MBIT}mbit" burst 256k cburst 256k quantum 65536
  tc filter add dev lo protocol ip parent 1: prio 1 u32 match ip sport "${PORT[$1]}" 0xffff \
    flowid "1:${LINK_CLASS[$1]}"
}
no_inbound() { # name: the node is behind a NAT: nothing reaches its listening port
  tc class add dev lo parent 1: classid 1:9 htb rate 100gbit quantum 200000
  tc qdisc add dev lo parent 1:9 handle 90: pfifo limit 0 # drops every packet
  tc filter add dev lo protocol ip parent 1: prio 1 u32 match ip dport "${PORT[$1]}" 0xffff \
    flowid 1:9
}
link_bytes() { # name: bytes sent through the node's link class so far
  tc -s class show dev lo classid "1:${LINK_CLASS[$1]}" | awk '/Sent/ {print $2; exit}'
}
check_link() { # phase name bytes_sent_by_the_node_in_the_phase link_bytes_before
  local through=$(($(link_bytes "$2") - $4))
  out "$1.$2_through_link_MiB" "$(fdiv "$through" $MIB)" MiB
  # The class counts IP packets, ss counts payload: the link must carry at least the payload.
  ((through >= $3)) || die "$1: $2 sent $3 bytes but only $through went through its link"
}

WORK=$(mktemp -d "$BENCH_TMP/ssbench.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
  [[ $KEEP == 1 ]] && log "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

SWARMSYNC_JAVA_OPTS= "$SS" --version >/dev/null   # builds the jar if needed
STAGE=$WORK/stage
mkdir -p "$STAGE"
KEY=$(SWARMSYNC_JAVA_OPTS= "$SS" key new)
common=(--gui 127.0.0.1:0 --no-lan --no-dht --no-tracker --no-upnp --no-relay)
JOPTS=${SWARMSYNC_JAVA_OPTS:--Xms32m -Xmx512m -XX:+UseSerialGC -Xmn24m}
declare -A PID PORT

add_node() { # name: a home with the folder added at $WORK/name/folder
  mkdir -p "$WORK/$1/folder"
  "$SS" folder add --home "$WORK/$1/home" --key "$KEY" "$WORK/$1/folder" >/dev/null
  PORT[$1]=$(free_port)
}
start_node() { # name [--peer HOST:PORT ...]
  local name=$1; shift
  java $JOPTS -jar "$ROOT/target/swarmsync.jar" daemon --home "$WORK/$name/home" \
    --listen "127.0.0.1:${PORT[$name]}" "$@" "${common[@]}" >"$WORK/$name.log" 2>&1 &
  PID[$name]=$!; PIDS+=("$!")
}
status() { # name -> status JSON straight from the REST API (no JVM start per poll)
  local h=$WORK/$1/home gui
  gui=$(jq -r .gui "$h/daemon.json" 2>/dev/null) || return 1
  curl -fsS -m 5 -H "X-API-Key: $(cat "$h/api-key")" "http://$gui/rest/status"
}
wait_until() {
  local to=$1 what=$2; shift 2
  local end=$((SECONDS + to))
  until "$@"; do ((SECONDS < end)) || die "timeout (${to}s) waiting for: $what"; sleep 0.1; done
}
peers_of() { # name count: the folder has count peers connected
  [[ -f $WORK/$1/home/daemon.json ]] && status "$1" | jq -e --argjson n "$2" '.folders[0].peers | length == $n' >/dev/null
}
in_sync() { # name expected_bytes
  local j; j=$(status "$1") || return 1
  jq -e --argjson b "$2" '.folders[0] | .in_sync and .need_files == 0 and .local_bytes == $b' \
    <<<"$j" >/dev/null
}
scanned() { # name expected_bytes: the first scan is done and counted every byte
  local j; j=$(status "$1") || return 1
  jq -e --argjson b "$2" '.folders[0] | .local_bytes == $b and .state == "idle"' <<<"$j" >/dev/null
}

same_time() { # path: A's and B's copies have the same modification time (B has A's version)
  [[ -z $1 ]] || [[ $(stat -c %y "$WORK/a/folder/$1" 2>/dev/null) == "$(stat -c %y "$WORK/b/folder/$1" 2>/dev/null)" ]]
}
WATCH=   # a path whose change B must show before a phase counts as synced (size alone may not)
measure() { # phase expected_bytes action...   (A -> B)
  local phase=$1 expect=$2; shift 2
  local a0 b0 ca0 cb0 t0 t1 la0
  a0=$(sent_bytes "${PID[a]}"); b0=$(sent_bytes "${PID[b]}")
  la0=$(wc -l <"$WORK/a.log")
  ca0=$(cpu_ticks "${PID[a]}"); cb0=$(cpu_ticks "${PID[b]}")
  "$@"
  t0=$EPOCHREALTIME
  local end=$((SECONDS + SYNC_TIMEOUT))
  until in_sync b "$expect" && same_time "$WATCH"; do ((SECONDS < end)) || die "$phase: not in sync after ${SYNC_TIMEOUT}s"; sleep 0.05; done
  t1=$EPOCHREALTIME
  [[ $(manifest "$WORK/a/folder") == $(manifest "$WORK/b/folder") ]] || die "$phase: trees differ"
  local a1 b1; a1=$(sent_bytes "${PID[a]}"); b1=$(sent_bytes "${PID[b]}")
  out "$phase.sync_s" "$(fsub "$t1" "$t0")" s
  out "$phase.a_sent_MiB" "$(fdiv $((a1 - a0)) $MIB)" MiB
  out "$phase.b_sent_MiB" "$(fdiv $((b1 - b0)) $MIB)" MiB
  # A's time scanning the change: its "N files hashed (...) in M ms" scan lines, as Syncthing's
  # a_scan_s is its time in state "scanning".
  out "$phase.a_scan_s" "$(tail -n +$((la0 + 1)) "$WORK/a.log" | grep -oE 'files hashed .* in [0-9]+ ms' |
    awk '{s += $(NF-1)} END {printf "%.3f", s / 1000}')" s
  out "$phase.a_cpu_s" "$(fdiv $(($(cpu_ticks "${PID[a]}") - ca0)) "$CLK_TCK")" s
  out "$phase.b_cpu_s" "$(fdiv $(($(cpu_ticks "${PID[b]}") - cb0)) "$CLK_TCK")" s
  out "$phase.a_rss_peak_MiB" "$(fdiv "$(hwm_kib "${PID[a]}")" 1024)" MiB
  out "$phase.b_rss_peak_MiB" "$(fdiv "$(hwm_kib "${PID[b]}")" 1024)" MiB
  if [[ ${THREAD_CPU:-0} == 1 ]]; then
    log "A's busiest threads (CPU since start):"; thread_cpu "${PID[a]}" >&2
    log "B's busiest threads (CPU since start):"; thread_cpu "${PID[b]}" >&2
  fi
  log "$phase: in sync after $(fsub "$t1" "$t0")s"
}
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2] + v[NR/2+1]) / 2}'; }

warm_up() { # both daemons run through a sync once: files synced, then deleted
  local w=$STAGE/warm d f bytes
  mkdir -p "$w"
  rand_stream "warm-$SEED" | head -c $((64 * MIB)) >"$w/warm.bin"
  exec 4< <(rand_stream "warm-small-$SEED")
  RANDOM=$((SEED + 7))
  for ((d = 0; d < 20; d++)); do
    mkdir -p "$w/d$d"
    for ((f = 0; f < 100; f++)); do head -c $((RANDOM % 64513 + 1024)) <&4 >"$w/d$d/f$f.bin"; done
  done
  exec 4<&-
  bytes=$(tree_bytes "$w")
  log "warm-up: $(fdiv "$bytes" $MIB) MiB in 2,001 files, synced and then deleted"
  mv "$w" "$WORK/a/folder/warm"
  wait_until "$SYNC_TIMEOUT" "the warm-up files on B" in_sync b "$bytes"
  rm -rf "$WORK/a/folder/warm"
  wait_until "$SYNC_TIMEOUT" "the warm-up files deleted on B" in_sync b 0
  out warmup 1 -
}

pair() { # A and B with one folder, B dialing A, connected
  add_node a; add_node b
  start_node a
  start_node b --peer "127.0.0.1:${PORT[a]}"
  wait_until 90 "B connected to A" peers_of b 1
  [[ ${WARMUP:-0} != 1 ]] || warm_up
}

out dataset "$DATASET" -
log "generating dataset ($DATASET, seed $SEED)"
case $DATASET in
  small)
    mkdir -p "$STAGE/small"; gen_small "$STAGE/small"; sync
    pair
    measure small "$(tree_bytes "$STAGE/small")" mv "$STAGE/small" "$WORK/a/folder/small"
    ;;
  big | edit | insert)
    gen_big "$STAGE/big.bin"; sync
    pair
    A_FILE=$WORK/a/folder/big.bin
    if [[ -n $LINK_MBIT ]]; then
      shape_uploads a; no_inbound b
      out big.link_mbit "$LINK_MBIT" Mbit/s
      l0=$(link_bytes a); s0=$(sent_bytes "${PID[a]}")
    fi
    measure big "$BIG_BYTES" mv "$STAGE/big.bin" "$A_FILE"
    [[ -z $LINK_MBIT ]] || check_link big a $(($(sent_bytes "${PID[a]}") - s0)) "$l0"
    WATCH=big.bin
    if [[ $DATASET == edit ]]; then
      rand_stream "edit-$SEED" | head -c $MIB >"$STAGE/patch.bin"; sync
      measure edit "$BIG_BYTES" dd if="$STAGE/patch.bin" of="$A_FILE" bs=$MIB count=1 \
        seek="$EDIT_OFFSET" oflag=seek_bytes conv=notrunc status=none
    elif [[ $DATASET == insert ]]; then
      rand_stream "insert-$SEED" | head -c $MIB >"$STAGE/patch.bin"
      { head -c "$EDIT_OFFSET" "$A_FILE"; cat "$STAGE/patch.bin"; tail -c +$((EDIT_OFFSET + 1)) "$A_FILE"; } >"$STAGE/big.new"
      sync
      measure insert $((BIG_BYTES + MIB)) mv "$STAGE/big.new" "$A_FILE"
    fi
    ;;
  tiny)
    # (e): a 4 KiB file synced once, then one byte of it changed in place, TINY_CHANGES times;
    # each time from the write to B's copy being byte-equal (polled every 10 ms with cmp).
    pair
    rand_stream "tiny-$SEED" | head -c 4096 >"$STAGE/tiny.bin"
    measure tiny_first 4096 mv "$STAGE/tiny.bin" "$WORK/a/folder/tiny.bin"
    times=()
    for ((i = 0; i < TINY_CHANGES; i++)); do
      off=$((i * 512 + 100))
      byte=$(od -An -tu1 -j "$off" -N1 "$WORK/a/folder/tiny.bin" | tr -d ' ')
      printf "\\x$(printf %02x $(((byte + 1) % 256)))" | dd of="$WORK/a/folder/tiny.bin" bs=1 \
        seek="$off" conv=notrunc status=none
      t0=$EPOCHREALTIME
      end=$((SECONDS + 30))
      until cmp -s "$WORK/a/folder/tiny.bin" "$WORK/b/folder/tiny.bin"; do
        ((SECONDS < end)) || die "tiny change $i: not on B after 30 s"; sleep 0.01
      done
      times+=("$(fsub "$EPOCHREALTIME" "$t0")")
      out "tiny.change_s" "${times[-1]}" s
      sleep 0.5   # the next change is a new event, not part of this one's settle window
    done
    out tiny.sync_s "$(printf '%s\n' "${times[@]}" | median)" s
    ;;
  scan)
    # (f): A's first scan of big + small from the daemon's start (JVM start included), page
    # cache warm; the limit beside it: sha256sum of the same files (one process, then two).
    add_node a
    gen_big "$WORK/a/folder/big.bin"; mkdir -p "$WORK/a/folder/small"; gen_small "$WORK/a/folder/small"
    sync
    expect=$(tree_bytes "$WORK/a/folder")
    cat $(find "$WORK/a/folder" -type f -not -path '*/.sync/*') >/dev/null   # warm the cache
    t0=$EPOCHREALTIME
    start_node a
    end=$((SECONDS + SYNC_TIMEOUT))
    until scanned a "$expect"; do ((SECONDS < end)) || die "scan: not done after ${SYNC_TIMEOUT}s"; sleep 0.05; done
    out scan.scan_s "$(fsub "$EPOCHREALTIME" "$t0")" s
    out scan.a_cpu_s "$(fdiv "$(cpu_ticks "${PID[a]}")" "$CLK_TCK")" s
    out scan.a_rss_peak_MiB "$(fdiv "$(hwm_kib "${PID[a]}")" 1024)" MiB
    out scan.MiB "$(fdiv "$expect" $MIB)" MiB
    t0=$EPOCHREALTIME
    (cd "$WORK/a/folder" && find . -path ./.sync -prune -o -type f -print0 | xargs -0 sha256sum >/dev/null)
    out scan.sha256sum_s "$(fsub "$EPOCHREALTIME" "$t0")" s
    t0=$EPOCHREALTIME
    (cd "$WORK/a/folder" && find . -path ./.sync -prune -o -type f -print0 | xargs -0 -n 500 -P 2 sha256sum >/dev/null)
    out scan.sha256sum_2p_s "$(fsub "$EPOCHREALTIME" "$t0")" s
    ;;
  swarm)
    # (g): SEEDERS seeders hold big (copies, each scanned by its own daemon); a new node that
    # knows them all pulls it. Compare swarm.sync_s with SEEDERS=1 under the same LINK_MBIT.
    SEEDER_NAMES=()
    for ((i = 1; i <= SEEDERS; i++)); do SEEDER_NAMES+=("s$i"); done
    gen_big "$STAGE/big.bin"
    peers=()
    for s in "${SEEDER_NAMES[@]}"; do
      add_node "$s"; cp "$STAGE/big.bin" "$WORK/$s/folder/big.bin"
      peers+=(--peer "127.0.0.1:${PORT[$s]}")
    done
    sync
    for s in "${SEEDER_NAMES[@]}"; do start_node "$s"; done
    for s in "${SEEDER_NAMES[@]}"; do wait_until 240 "$s scanned" scanned "$s" "$BIG_BYTES"; done
    add_node b
    declare -A sent0 link0
    if [[ -n $LINK_MBIT ]]; then
      out swarm.link_mbit "$LINK_MBIT" Mbit/s
      for s in "${SEEDER_NAMES[@]}"; do shape_uploads "$s"; link0[$s]=$(link_bytes "$s"); done
      no_inbound b
    fi
    for s in "${SEEDER_NAMES[@]}"; do sent0[$s]=$(sent_bytes "${PID[$s]}"); done
    t0=$EPOCHREALTIME
    start_node b "${peers[@]}"
    wait_until 90 "the new node connected to $SEEDERS seeders" peers_of b "$SEEDERS"
    tc=$EPOCHREALTIME
    cb0=$(cpu_ticks "${PID[b]}")
    end=$((SECONDS + SYNC_TIMEOUT))
    until in_sync b "$BIG_BYTES"; do ((SECONDS < end)) || die "swarm: not in sync after ${SYNC_TIMEOUT}s"; sleep 0.05; done
    t1=$EPOCHREALTIME
    [[ $(manifest "$WORK/s1/folder") == $(manifest "$WORK/b/folder") ]] || die "swarm: trees differ"
    out swarm.connect_s "$(fsub "$tc" "$t0")" s
    out swarm.sync_s "$(fsub "$t1" "$tc")" s
    for s in "${SEEDER_NAMES[@]}"; do
      sent=$(($(sent_bytes "${PID[$s]}") - sent0[$s]))
      out "swarm.${s}_sent_MiB" "$(fdiv "$sent" $MIB)" MiB
      [[ -z $LINK_MBIT ]] || check_link swarm "$s" "$sent" "${link0[$s]}"
    done
    out swarm.b_cpu_s "$(fdiv $(($(cpu_ticks "${PID[b]}") - cb0)) "$CLK_TCK")" s
    out swarm.b_rss_peak_MiB "$(fdiv "$(hwm_kib "${PID[b]}")" 1024)" MiB
    ;;
esac
