#!/usr/bin/env bash
# Refreshes the README's pictures (docs/screenshots/*.png) from the screenshots the last test run took into
# TestResults/screenshots/, on purpose: a test run itself never changes tracked files. Run `bash scripts/test.sh`
# (or the browser tests) first; pictures the run did not take are left as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
taken=TestResults/screenshots
[ -d "$taken" ] || { echo "no $taken: run the tests first (bash scripts/test.sh)" >&2; exit 1; }
refreshed=0
for picture in docs/screenshots/*.png; do
    name="$(basename "$picture")"
    if [ -f "$taken/$name" ]; then
        cp "$taken/$name" "$picture"
        refreshed=$((refreshed + 1))
        echo "refreshed $picture"
    else
        echo "kept $picture (the last run took no $name)" >&2
    fi
done
echo "$refreshed picture(s) refreshed; review them with git diff before committing"
