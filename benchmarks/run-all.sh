#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md, each against its baseline in the same run, and keeps the output.
#
#   PY_ANCHORS=<folder of the Python anchor scripts> JAVA21_HOME=<a JDK 21+> bash benchmarks/run-all.sh [out-dir]
#
# PY_ANCHORS: the comparison programs (asyncio_bench.py, pool_overhead.py); without it the Python ratios are skipped.
# JAVA21_HOME: a JDK 21 or newer for the virtual-thread benchmark; without it that benchmark is skipped.
# Run it on a quiet machine: parallel speed-ups need every core.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/results/latest}
mkdir -p "$out"
out=$(cd "$out" && pwd)
jar=$PWD/benchmarks/target/benchmarks.jar

mvn -B -q -DskipTests -pl benchmarks -am package

echo "== threads: CPU-bound, per-element overhead"
java -jar "$jar" 'threads.CpuBoundMapBenchmark' -f 2 -wi 3 -i 5 | tee "$out/threads-cpu.txt"
java -jar "$jar" 'threads.OverheadMapBenchmark' -f 2 -wi 5 -w 1 -i 5 -r 1 | tee "$out/threads-overhead.txt"
if [ -n "${JAVA21_HOME:-}" ]; then
  echo "== threads: I/O-bound, virtual threads"
  "$JAVA21_HOME/bin/java" -jar "$jar" 'threads.IoBoundMapBenchmark' -f 1 -wi 1 -i 3 | tee "$out/threads-io.txt"
fi

py_args=()
if [ -n "${PY_ANCHORS:-}" ]; then
  echo "== Python anchors, same sitting"
  (cd "$PY_ANCHORS" && python3 asyncio_bench.py --parts c,d --json "$out/py_cd.json" \
    && python3 asyncio_bench.py --parts b --json "$out/py_b.json" \
    && python3 asyncio_bench.py --parts e,f --json "$out/py_ef.json") | tee "$out/python.txt"
fi

echo "== event loop"
java -Xmx1g -cp "$jar" io.github.execmodels.benchmarks.async.EventLoopBenchmark --parts b,c,d \
  ${PY_ANCHORS:+--python "$out/py_cd.json" --python "$out/py_b.json"} | tee "$out/event-loop.txt"
java -cp "$jar" io.github.execmodels.benchmarks.async.EchoBenchmark \
  ${PY_ANCHORS:+--python "$out/py_ef.json"} | tee "$out/echo.txt"

echo "== processes"
java -cp "$jar" io.github.execmodels.benchmarks.process.ProcessPoolSpeed --repeats 5 \
  ${PY_ANCHORS:+--anchors "$PY_ANCHORS"} | tee "$out/processes.txt"

echo "== cluster"
java -cp "$jar" io.github.execmodels.benchmarks.hazelcast.ClusterSpeed --repeats 5 | tee "$out/cluster.txt"
