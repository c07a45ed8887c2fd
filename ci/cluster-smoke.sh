#!/usr/bin/env bash
# Checks that the jobs run unchanged on a real Spark standalone cluster. It starts a master and one
# worker on 127.0.0.1 from the project's own runtime classpath and submits build-tables to them.
# Every table shard must then have the same sha256 as the shard of an embedded local[2] run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export SPARK_LOCAL_IP=127.0.0.1

./engram --version >/dev/null   # builds the project if needed
JAR="$ROOT/jobs/target/engram-jobs.jar"
CLASSPATH_JARS="$JAR:$ROOT/jobs/target/lib/*"
MASTER_PORT="${ENGRAM_SMOKE_MASTER_PORT:-17077}"
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/engram-cluster-smoke.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "${KEEP_SMOKE_WORK:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "smoke: work folder kept at $WORK"; fi
}
trap cleanup EXIT

# The worker launches executors from SPARK_HOME/jars; symlinks to the Maven classpath are enough.
SPARK_HOME_DIR="$WORK/spark-home"
mkdir -p "$SPARK_HOME_DIR/jars"
ln -s "$ROOT"/jobs/target/lib/*.jar "$JAR" "$SPARK_HOME_DIR/jars/"

JAVA=("$JAVA_HOME/bin/java" "@$ROOT/jvm.options" --sun-misc-unsafe-memory-access=allow -Xmx512m -cp "$CLASSPATH_JARS")
DAEMON_LOGGING=(-Dlog4j2.configurationFile="$ROOT/ci/log4j2-cluster.properties")

echo "smoke: starting master on $MASTER_URL"
"${JAVA[@]}" "${DAEMON_LOGGING[@]}" -Dspark.master.rest.enabled=false -Dspark.ui.enabled=false \
  org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$MASTER_PORT" --webui-port 0 \
  >"$WORK/master.log" 2>&1 &
PIDS+=($!)

echo "smoke: starting one worker (2 cores, 2 GB)"
SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.13 \
  "${JAVA[@]}" "${DAEMON_LOGGING[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 \
  --cores 2 --memory 2g --work-dir "$WORK/worker" "$MASTER_URL" >"$WORK/worker.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 60); do
  grep -q "Registering worker" "$WORK/master.log" 2>/dev/null && break
  sleep 1
done
if ! grep -q "Registering worker" "$WORK/master.log"; then
  echo "smoke: the worker did not register with the master within 60 s" >&2
  tail -n 20 "$WORK/master.log" "$WORK/worker.log" >&2
  exit 1
fi

ASSETS="${ENGRAM_ASSETS_DIR:-$ROOT/assets}"
TOKENIZER="$ASSETS/deepseek-v3-tokenizer/tokenizer.json"
mkdir -p "$WORK/corpus"
cp "$ASSETS"/sotu/data/19[0-4]*.json "$WORK/corpus/"

echo "smoke: preparing n-gram counts locally"
./engram tokenize --input "$WORK/corpus" --format jsonl --field text --tokenizer "$TOKENIZER" --out "$WORK/tokens"
./engram count-ngrams --tokens "$WORK/tokens" --max-ngram 3 --out "$WORK/ngrams"

TABLE_ARGS=(--ngrams "$WORK/ngrams" --tokenizer "$TOKENIZER" --layers 1,15 --max-ngram 3 --heads 4
  --table-sizes 5003,5003 --head-dim 8 --seed 0 --pad-token-id 2)

echo "smoke: build-tables on local[2]"
ENGRAM_JAVA_OPTS="-Dspark.master=local[2]" ./engram build-tables "${TABLE_ARGS[@]}" --out "$WORK/tables-local"

echo "smoke: build-tables submitted to $MASTER_URL"
SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.13 \
  "${JAVA[@]}" org.apache.spark.deploy.SparkSubmit \
  --master "$MASTER_URL" --deploy-mode client \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf "spark.executor.extraJavaOptions=@$ROOT/jvm.options --sun-misc-unsafe-memory-access=allow" \
  --conf spark.executor.memory=1g --conf spark.ui.enabled=false \
  --class dev.engram.jobs.BuildTablesJob "$JAR" \
  "${TABLE_ARGS[@]}" --out "$WORK/tables-cluster"

shard_sums() {
  (cd "$1" && find . -name '*.parquet' -type f | sort | xargs sha256sum)
}
shard_sums "$WORK/tables-local" >"$WORK/local.sums"
shard_sums "$WORK/tables-cluster" >"$WORK/cluster.sums"
shards=$(wc -l <"$WORK/local.sums")
if [[ "$shards" -eq 0 ]]; then
  echo "smoke: FAILED, the local run wrote no shards" >&2
  exit 1
fi
if ! diff -u "$WORK/local.sums" "$WORK/cluster.sums"; then
  echo "smoke: FAILED, cluster shards differ from local shards" >&2
  exit 1
fi
if ! grep -q "app-" "$WORK/master.log"; then
  echo "smoke: FAILED, the master never saw an application" >&2
  exit 1
fi
echo "smoke: OK, $shards shards identical between local[2] and the standalone cluster"
