#!/usr/bin/env bash
# A real history (docs/history.md): a scratch clone of this repository in DIR (default
# /tmp/serbench-real-history) gets a plugin codec, demo/slow-json.ts (JSON plus a fixed busy wait per
# call), and COMMITS real commits; commit SLOW_AT makes the wait DELAY_MS long, every other commit
# changes nothing that runs. The codec suite runs at every commit (RUNS times) and writes its result
# to DIR/results/; `npm run history` then reads them. Nothing is written outside DIR.
#
#   scripts/history-demo.sh [DIR]
#   COMMITS=16 SLOW_AT=9 DELAY_MS=1 RUNS=1 scripts/history-demo.sh /tmp/serbench-real-history
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-/tmp/serbench-real-history}"
commits="${COMMITS:-16}"
slow_at="${SLOW_AT:-9}"
delay_ms="${DELAY_MS:-1}"
runs="${RUNS:-1}"

rm -rf "$dir"
git clone --quiet "$root" "$dir"
cd "$dir"
ln -s "$root/node_modules" node_modules
cp -r "$root/src/codecs/generated" src/codecs/
git config user.email demo@example.invalid
git config user.name "serbench history demo"
mkdir -p demo results

plugin() {
  cat > demo/slow-json.ts <<EOF
import { jsonCodec } from '../src/codecs/json.js';
import type { Codec } from '../src/codecs/types.js';

/** Busy waiting per encode or decode call, in milliseconds: the known slowdown of the history demo. */
const DELAY_MS = $1;

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const slowJson: Codec = {
  name: 'slow-json',
  description: \`JSON plus \${DELAY_MS} ms of busy waiting per call\`,
  int64: jsonCodec.int64,
  create(schema) {
    const inner = jsonCodec.create(schema);
    if (inner.mode !== 'sync') throw new Error('json is synchronous');
    return {
      mode: 'sync',
      encode: (records) => (spin(DELAY_MS), inner.encode(records)),
      decode: (bytes) => (spin(DELAY_MS), inner.decode(bytes)),
    };
  },
};

export default slowJson;
EOF
}

for i in $(seq 1 "$commits"); do
  if [ "$i" -eq 1 ]; then
    plugin 0
    git add demo
    git commit --quiet -m "demo: slow-json plugin codec, no delay yet"
  elif [ "$i" -eq "$slow_at" ]; then
    plugin "$delay_ms"
    git commit --quiet -am "demo: slow-json waits $delay_ms ms per call"
  else
    echo "unrelated change $i" >> demo/notes.txt
    git add demo
    git commit --quiet -m "demo: an unrelated change ($i)"
  fi
  for run in $(seq 1 "$runs"); do
    npm run -s bench -- --plugin demo/slow-json.ts --dataset log --codec json,msgpack,slow-json --rounds 3 --no-fidelity \
      --out "results/$(printf '%02d' "$i")-$run.json" --reports-dir "reports/$i-$run" > /dev/null
  done
  echo "commit $i/$commits ($(git rev-parse --short HEAD)) measured"
done

npm run -s history -- results/
