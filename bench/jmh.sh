#!/usr/bin/env bash
# Builds the test classes (bench/src is a test source root) and runs the JMH benchmarks whose
# name matches $1 (default: ChunkHash). Extra arguments go to JMH, e.g. ./bench/jmh.sh ChunkHash -r 2
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pattern="${1:-ChunkHash}"
shift || true
mvn -B -q -o -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
exec java -cp "$cp" org.openjdk.jmh.Main "$pattern" -f 1 -wi 2 -i 3 "$@"
