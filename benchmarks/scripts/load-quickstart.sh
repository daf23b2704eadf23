#!/usr/bin/env bash
# Holds STREAMS (default 1000) SSE streams for DURATION (default 60s) against the quickstart's /api/chat/stream,
# whose upstream is a stand-in streaming 40 words 50 ms apart, and prints what the quickstart added (p50/p99) and its
# RSS, heap and threads at peak. Build first: ./mvnw -B -q install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
exec "$java" -Xmx2g -cp benchmarks/target/benchmarks.jar dev.springcohere.benchmarks.load.SseLoad \
	--launch "$java -Xmx1g -jar sample-apps/quickstart/target/quickstart-0.1.0-SNAPSHOT.jar --server.port={port} --cohere.base-url={standin} --cohere.api-key=load --server.tomcat.max-connections=20000 --logging.level.root=WARN" \
	--ready "http://127.0.0.1:{port}/actuator/health" \
	--target "http://127.0.0.1:{port}/api/chat/stream?message=hi" \
	--streams "${STREAMS:-1000}" --duration "${DURATION:-60s}" --warmup "${WARMUP:-15s}"
