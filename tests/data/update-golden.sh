#!/bin/sh
# Rewrites the golden files tests/data/parse/*.json from the current parser: builds lectern-cli
# and test_parser_golden, runs the golden tests (each runs `lectern-cli parse --json` on a layout
# fixture or a seed and writes the normalised JSON to BUILD/test-output/golden/), and copies that
# output over the references. Review `git diff tests/data` before committing.
# Usage (from the repository): ./scripts/lectern-env.sh exec tests/data/update-golden.sh [BUILD]
set -eu
data=$(cd "$(dirname "$0")" && pwd)
build=${1:-$data/../../build}
cmake --build "$build" --target lectern-cli test_parser_golden
rm -rf "$build/test-output/golden"
"$build/tests/test_parser_golden" >/dev/null 2>&1 || true
ls "$build/test-output/golden/"*.json >/dev/null
cp "$build/test-output/golden/"*.json "$data/parse/"
echo "updated: $(cd "$build/test-output/golden" && ls *.json | tr '\n' ' ')"
