#!/usr/bin/env bash
# Runs a benchmark main class from src/test/java/io/omnicase/bench on ONE core and prints its figures.
# Usage: bench/run.sh SentimentBenchmark | RoutingBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh SentimentBenchmark|RoutingBenchmark}"
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
exec taskset -c 0 java -XX:ActiveProcessorCount=1 -Xmx1g -Domnicase.shared.data=../shared/data -cp "$cp" \
  "io.omnicase.bench.$name"
