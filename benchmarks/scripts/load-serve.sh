#!/usr/bin/env bash
# Holds STREAMS (default 16) streamed /v2/chat calls for DURATION (default 60s) against the engine's serve on the tiny
# fixture (tiny-cohere2 with the tiny tokenizer, 64 new tokens each), and prints the time to the first text and to the
# end (p50/p99) and serve's RSS, heap and threads at peak. Build first: ./mvnw -B -q install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
model="$(mktemp -d)"
trap 'rm -rf "$model"' EXIT
fixtures="$root/../shared/fixtures/engine"
cp "$fixtures/tiny-cohere2/model.safetensors" "$model/"
[ -f "$fixtures/tiny-cohere2/generation_config.json" ] && cp "$fixtures/tiny-cohere2/generation_config.json" "$model/"
sed -E 's/"max_position_embeddings": [0-9]+/"max_position_embeddings": 4096/' "$fixtures/tiny-cohere2/config.json" > "$model/config.json"
cp "$fixtures/tiny-tokenizer/tokenizer.json" "$fixtures/tiny-tokenizer/tokenizer_config.json" "$model/"
jar=$(ls cohere-engine/target/cohere-engine-*-cli.jar | head -1)
exec "$java" -Xmx1g -cp benchmarks/target/benchmarks.jar dev.springcohere.benchmarks.load.SseLoad \
	--launch "$java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar $jar serve --model $model --port {port} --threads 2 --pool-size ${POOL:-4}" \
	--ready "http://127.0.0.1:{port}/v1/models" \
	--target "http://127.0.0.1:{port}/v2/chat" \
	--body '{"stream":true,"max_tokens":64,"temperature":0.7,"messages":[{"role":"user","content":"Tell me about jars"}]}' \
	--first-marker "content-delta" --compare-upstream false \
	--streams "${STREAMS:-16}" --duration "${DURATION:-60s}" --warmup "${WARMUP:-15s}"
