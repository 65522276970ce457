#!/usr/bin/env bash
# A Spark standalone cluster on this machine from the Maven-resolved jars (no Spark download): one master and two
# workers on loopback, for proving the cluster path of 'genrec spark' (docs/spark.md).
#   scripts/spark-standalone.sh start   # master spark://127.0.0.1:17077 (web UI 18180), workers on 17078/17079
#   scripts/spark-standalone.sh stop    # stops exactly the processes 'start' recorded
#   scripts/spark-standalone.sh status
# Environment: WORKER_CORES (default 1), WORKER_MEMORY (default 2g), SPARK_STANDALONE_DIR (default /tmp/genrec-spark-standalone),
# NICE (default 0): niceness of the master and workers; executors inherit the worker's, so 'nice' on the driver
# command alone leaves the executors (where the work is) at the workers' priority.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${SPARK_STANDALONE_DIR:-/tmp/genrec-spark-standalone}"
LIB="$ROOT/genrec-cli/target/lib"
MASTER_PORT=17077 MASTER_UI=18180
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
# The same list as the pom's genrec.spark.jvm.flags.
FLAGS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"

start() {
  if [ ! -d "$LIB" ]; then (cd "$ROOT" && ./genrec --version >/dev/null); fi  # builds the jars on first use
  mkdir -p "$DIR/work"
  for f in "$DIR"/*.pid; do
    if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then echo "already running ($f); stop it first" >&2; exit 1; fi
  done
  # Workers build executor command lines from SPARK_HOME/jars: point it at the Maven-resolved jars.
  mkdir -p "$DIR/home"
  ln -sfn "$LIB" "$DIR/home/jars"
  export SPARK_HOME="$DIR/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_NO_DAEMONIZE=1
  nohup nice -n "${NICE:-0}" "$JAVA" $FLAGS -Xmx512m -cp "$LIB/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port $MASTER_PORT --webui-port $MASTER_UI > "$DIR/master.log" 2>&1 &
  echo $! > "$DIR/master.pid"
  for w in 1 2; do
    nohup nice -n "${NICE:-0}" "$JAVA" $FLAGS -Xmx512m -cp "$LIB/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --port $((MASTER_PORT + w)) --webui-port $((MASTER_UI + w)) \
      --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-2g}" --work-dir "$DIR/work/worker$w" \
      "spark://127.0.0.1:$MASTER_PORT" > "$DIR/worker$w.log" 2>&1 &
    echo $! > "$DIR/worker$w.pid"
  done
  for i in $(seq 1 60); do
    n=$(grep -c 'Registering worker' "$DIR/master.log" 2>/dev/null || true)
    if [ "${n:-0}" -ge 2 ]; then echo "spark://127.0.0.1:$MASTER_PORT (2 workers; logs in $DIR)"; return 0; fi
    sleep 1
  done
  echo "workers did not register within 60 s; see $DIR/*.log" >&2
  exit 1
}

stop() {
  for f in "$DIR"/worker1.pid "$DIR"/worker2.pid "$DIR"/master.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; fi
    rm -f "$f"
  done
  echo "stopped"
}

status() {
  for f in "$DIR"/master.pid "$DIR"/worker1.pid "$DIR"/worker2.pid; do
    if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid): stopped"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
