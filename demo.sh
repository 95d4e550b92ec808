#!/usr/bin/env bash
# The demo: an app that knows nothing of Airbag, run with the agent attached against a local LLM server
# having a bad afternoon. Builds what is missing first (needs only a JDK 11+ and Maven).
set -euo pipefail
cd "$(dirname "$0")"

agent=agent/target/airbag-agent.jar
app=demo-app/target/airbag-demo-app.jar
if [[ ! -f $agent || ! -f $app || ${1:-} == --rebuild ]]; then
  echo "Building Airbag and the demo app (first run only)..."
  mvn -B -q -DskipTests package
fi

mkdir -p demo-output
rm -f demo-output/airbag-events.jsonl
echo
echo "== The loan summariser, with -javaagent:$agent"
java -javaagent:"$agent"=config=demo-app/airbag-demo.properties -jar "$app"
java -cp "$app" dev.airbag.demo.EventsReport demo-output/airbag-events.jsonl
