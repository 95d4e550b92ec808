#!/usr/bin/env bash
# The demo: the same loan-summarising app, run three ways at once (as it is, with the Airbag agent attached, and
# rewritten by hand around resilience4j) against a local LLM server that plays seven bad afternoons. Prints one
# table per scenario and writes demo-output/airbag-demo-report.html. Builds what is missing first (needs a JDK 17+
# and Maven). Options in any order; ./demo.sh --help lists them.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'USAGE'
Usage: ./demo.sh [options]   (options in any order)

Runs one loan-summarising app three ways at once (without Airbag, with Airbag, resilience4j by hand) against a
local LLM server that plays bad afternoons, prints a table per scenario and writes
demo-output/airbag-demo-report.html. About 2 to 3 minutes on 2 cores; no network needed once built.

  --calls N           loan packages per scenario (default 40)
  --interval-ms N     milliseconds between packages (default 250)
  --scenarios a,b     only these scenarios (default all): tuesday, rate-limit, outage, retired, slow,
                      content-policy, stream-cut
  --agent JAR         the agent jar (default agent/target/airbag-agent.jar)
  --config FILE       the agent's properties (default demo-app/airbag-demo.properties)
  --out DIR           where the report and raw files go (default demo-output)
  --rebuild           build the agent and the demo app again first
  --help              this text
USAGE
}

rebuild=false
args=()
for arg in "$@"; do
  case $arg in
    --help | -h) usage; exit 0 ;;
    --rebuild) rebuild=true ;;
    *) args+=("$arg") ;;
  esac
done

agent=agent/target/airbag-agent.jar
app=demo-app/target/airbag-demo-app.jar
if [[ $rebuild == true || ! -f $agent || ! -f $app || ! -d demo-app/target/lib ]]; then
  echo "Building Airbag and the demo app (about a minute; the first run downloads dependencies)..."
  mkdir -p demo-output
  # Maven 3.8 writes colour escapes even in batch mode: keep them, and its output, off the console.
  if ! mvn -B -q -DskipTests -pl demo-app -am package 2>&1 | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' \
      > demo-output/build.log; then
    echo "demo: the build failed; see demo-output/build.log" >&2
    exit 1
  fi
fi

exec java -cp "$app" dev.airbag.demo.DemoRunner ${args[@]+"${args[@]}"}
