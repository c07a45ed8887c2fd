#!/usr/bin/env bash
# Runs every test. It fetches the pinned assets the tests read (tokenizer and corpora, sha256-checked),
# then runs the Maven test suite with Surefire's summary and the standalone-cluster smoke test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ "$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" != 25 ]]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export PATH="$JAVA_HOME/bin:$PATH"

echo "== fetching pinned test assets"
./engram assets --only deepseek-v3-tokenizer,sotu,europarl

echo "== unit and integration tests"
mvn -B test

if [[ -x ci/cluster-smoke.sh ]]; then
  echo "== standalone Spark cluster smoke test"
  ci/cluster-smoke.sh
fi
