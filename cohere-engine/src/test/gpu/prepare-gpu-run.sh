#!/usr/bin/env bash
# Gathers what a GPU machine (no Java, no Maven there) needs to run the engine's GPU tests:
# a jlinked JDK, the engine's classes and test classes, and the few test libraries, in
# cohere-engine/target/gpu-run (well under the device tool's 64 MiB carry limit).
# Then, on the GPU machine, from the repository root: bash cohere-engine/target/gpu-run/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
./mvnw -o -q -B -pl cohere-engine test-compile
./mvnw -o -q -B -pl cohere-engine dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/cohere-engine/target/gpu-classpath.txt"
out=cohere-engine/target/gpu-run
rm -rf "$out"
mkdir -p "$out/lib"
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,jdk.incubator.vector,jdk.unsupported \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output "$out/jdk"
cp -r cohere-engine/target/classes "$out/classes"
cp -r cohere-engine/target/test-classes "$out/test-classes"
tr ':' '\n' < cohere-engine/target/gpu-classpath.txt \
  | grep -E '/(junit-jupiter-api|junit-jupiter-engine|junit-platform-commons|junit-platform-engine|junit-platform-launcher|opentest4j|apiguardian-api|assertj-core|jspecify)-[^/]*\.jar$' \
  | xargs -I{} cp {} "$out/lib/"
cat > "$out/run.sh" <<'RUN'
#!/usr/bin/env bash
# Runs the engine's GPU tests (DecoderKernelsGpuTests) with the carried JDK.
here="$(cd "$(dirname "$0")" && pwd)"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
exec "$here/jdk/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -cp "$here/classes:$here/test-classes:$here/lib/*" dev.springcohere.engine.cuda.GpuChecks
RUN
chmod +x "$out/run.sh"
du -sh "$out"
