#!/usr/bin/env bash
# Fuzzes every Jazzer target for a while each (the CI runs them only as regression tests on
# their seeds). Usage: bench/fuzz.sh [DURATION per target, default 5m] [Class#method ...]
# Findings land in src/test/resources/swarmsync/<pkg>/<Class>Inputs/<method>/ as crash-* files:
# they then run as regression tests in every `mvn test`; fix the parser, keep the file.
# The growing corpus is kept in .cifuzz-corpus/ (not committed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${1:-5m}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    'FrameFuzzTest#frameDecoderKeepsItsContract'
    'FrameFuzzTest#everyMessageDecoderKeepsItsContract'
    'FolderKeyFuzzTest#keyParserKeepsItsContract'
    'IgnorePatternsFuzzTest#ignoreListParserKeepsItsContract'
    'TrackerResponseFuzzTest#httpAnnounceReplyParserKeepsItsContract'
    'TrackerResponseFuzzTest#udpTrackerReplyParsersKeepTheirContract'
    'KrpcCodecFuzzTest#krpcParserKeepsItsContract'
    'BencodeReaderFuzzTest#bencodeReaderKeepsItsContract'
    'LanPacketFuzzTest#lanPacketParserKeepsItsContract'
  )
fi

mvn -B -q -o test-compile
failed=()
for target in "${targets[@]}"; do
  echo "== fuzzing $target for $duration"
  # Jazzer fuzzes one @FuzzTest per JVM; JAZZER_MAX_DURATION overrides the annotation's time.
  if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" mvn -B -q -o surefire:test \
      -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false; then
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "findings in: ${failed[*]} (see the crash-* files under src/test/resources)" >&2
  exit 1
fi
echo "fuzzed ${#targets[@]} targets for $duration each: no findings"
