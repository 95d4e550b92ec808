#!/usr/bin/env bash
# The benchmarks: what Airbag costs, measured side by side in one run (child JVMs without and with
# -javaagent, alternating, after warm-up, medians). Builds what is missing first (a JDK 17+ and Maven).
# Writes bench/results/benchmark-results.json and bench/results/RESULTS.md. Flags: ./bench.sh --help
set -euo pipefail
cd "$(dirname "$0")"

needed=(agent/target/airbag-agent.jar demo-app/target/airbag-demo-app.jar
        bench/target/classes/dev/airbag/bench/BenchMain.class
        bench/target/test-classes/dev/airbag/bench/inprocess/EngineBenchmark.class
        bench/target/bench-app.classpath bench/target/bench-inprocess.classpath)
missing=0
for file in "${needed[@]}"; do [[ -f $file ]] || missing=1; done
if [[ $missing == 1 || ${1:-} == --rebuild ]]; then
  [[ ${1:-} == --rebuild ]] && shift
  echo "Building the agent, the demo app and the benchmarks (first run only)..."
  # test-compile, not skip: the in-process benchmarks live in bench's test classes. -DskipTests skips only running.
  # package, not install: the reactor resolves the modules from their target/ directories, and ~/.m2 stays untouched.
  mvn -B -q -DskipTests package -pl bench,demo-app -am
fi

exec java -cp "bench/target/classes:$(cat bench/target/bench-app.classpath)" dev.airbag.bench.BenchMain "$@"
