#!/usr/bin/env bash
# Renders benchmarks/results/*.csv (the figures recorded in docs/benchmarks.md) as docs/images/benchmarks/*.png.
# Build first: ./mvnw -B -q -pl benchmarks -am package -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
exec "$java" -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar \
	dev.springcohere.benchmarks.charts.BenchmarkCharts benchmarks/results docs/images/benchmarks
