#!/usr/bin/env bash
# The refactoring oracle: the sha256 of every output of the sample and of tests/golden/briefing.yaml, built with
# time, locale and date pinned, then the eval figures and the extract output of the sample. A pure move of code
# must leave this output the same, byte for byte:
#
#     tools/fingerprint.sh > /tmp/before.txt    # before the change
#     tools/fingerprint.sh | diff /tmp/before.txt -
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=1713830400
BRIEFING=${BRIEFING:-.venv/bin/briefing}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$BRIEFING" build briefing.yaml --date 2024-04-23 --out "$scratch/sample" --force >/dev/null 2>&1
"$BRIEFING" build tests/golden/briefing.yaml --date 2024-04-23 --out "$scratch/golden" --force >/dev/null 2>&1
(cd "$scratch" && find sample golden -type f ! -name '*.lock' ! -name '.lock' | sort | xargs sha256sum)
"$BRIEFING" eval tests/gold
for source in data/sources/*.txt; do
  "$BRIEFING" extract "$source" --format json | sha256sum
  "$BRIEFING" extract "$source" --format md | sha256sum
done
