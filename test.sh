#!/usr/bin/env bash
# Runs every test: unit tests (surefire) and integration tests against real processes (failsafe).
# Dependencies are fetched first; the tests themselves run offline inside a network namespace of
# their own (only loopback), so no test can reach past this machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

mvn -B -q -DskipTests verify

if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  exec unshare -n bash -c 'ip link set lo up && exec mvn -B -o verify "$@"' bash "$@"
else
  echo "test.sh: not root or no unshare: running without a private network namespace" >&2
  exec mvn -B -o verify "$@"
fi
