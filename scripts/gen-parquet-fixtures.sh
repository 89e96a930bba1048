#!/usr/bin/env bash
# Regenerates test/fixtures/parquet/: Parquet files written by other implementations
# (pyarrow / Arrow C++, DuckDB, fastparquet), valid and corrupt, from records that
# serbench itself generates. Needs python3 with pyarrow, duckdb and fastparquet, e.g.
#   python3 -m venv /tmp/pq && /tmp/pq/bin/pip install pyarrow duckdb fastparquet
#   PYTHON=/tmp/pq/bin/python scripts/gen-parquet-fixtures.sh
# The fixtures are committed; CI only reads them.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
out=test/fixtures/parquet
source_dir="$out/source"
mkdir -p "$source_dir"
npm run -s cli -- encode --codec json --dataset log --records 40 --seed 11 --out "$source_dir/log.json"
npm run -s cli -- encode --codec json --dataset metrics --records 40 --seed 11 --out "$source_dir/metrics.json"
npm run -s cli -- encode --codec json --dataset orders --records 20 --seed 11 --out "$source_dir/orders.json"
rm -f "$out"/*.parquet
"$python" scripts/parquet-fixtures.py "$source_dir" "$out"
