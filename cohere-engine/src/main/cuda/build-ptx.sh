#!/usr/bin/env bash
# Compiles the CUDA kernels under src/main/cuda to the PTX the engine loads at run time
# (src/main/resources/dev/springcohere/engine/cuda/*.ptx). The PTX is committed so that
# users need no CUDA toolkit; PtxResourcesTests fails when it is stale.
# Usage: cohere-engine/src/main/cuda/build-ptx.sh   (needs nvcc, CUDA 13, on the PATH)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../resources/dev/springcohere/engine/cuda"
mkdir -p "$out"
for source in "$here"/*.cu; do
  name="$(basename "$source" .cu)"
  nvcc --ptx -arch=compute_80 -O3 -o "$out/$name.ptx" "$source"
  echo "wrote $out/$name.ptx"
done
