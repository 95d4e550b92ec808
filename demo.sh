#!/usr/bin/env bash
# The demo: the same loan-summarising app, run three ways at once (as it is, with the Airbag agent attached, and
# rewritten by hand around resilience4j) against a local LLM server that plays seven bad afternoons. Prints one
# table per scenario and writes demo-output/airbag-demo-report.html. Builds what is missing first (needs a JDK 17+
# and Maven). Options go to the driver: --calls N, --interval-ms N, --scenarios tuesday,outage,... ; --rebuild
# forces the build.
set -euo pipefail
cd "$(dirname "$0")"

agent=agent/target/airbag-agent.jar
app=demo-app/target/airbag-demo-app.jar
rebuild=false
if [[ ${1:-} == --rebuild ]]; then
  rebuild=true
  shift
fi
if [[ $rebuild == true || ! -f $agent || ! -f $app || ! -d demo-app/target/lib ]]; then
  echo "Building Airbag and the demo app (first run only)..."
  mvn -B -q -DskipTests install
fi

exec java -cp "$app" dev.airbag.demo.DemoRunner "$@"
