#!/usr/bin/env bash
# The one command that runs every Sos test on a fresh machine: it installs and starts what the tests need
# (PostgreSQL, Chromium), builds, runs the whole suite, and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The console's browser tests drive Debian's Chromium through Playwright (never a browser Playwright downloads).
if [ ! -x /usr/bin/chromium ]; then
    echo "installing chromium with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq </dev/null >&2 && apt-get install -y -qq chromium </dev/null >&2; }; then
        echo "chromium could not be installed" >&2
        echo "0 passed, 1 failed"
        exit 1
    fi
fi

if ! SOS_TEST_POSTGRES="$(bash scripts/postgres.sh)"; then
    echo "PostgreSQL could not be installed or started" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
export SOS_TEST_POSTGRES

log="$(mktemp)"
# Build the whole solution first: `dotnet test` builds only what the test project references, and the suite also
# runs the benchmark and simulator commands from their own build output.
if dotnet build Sos.sln -c Release 2>&1 | tee "$log"; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    dotnet test --solution Sos.sln -c Release --no-build "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
else
    rc=1
fi

count() { grep -E "^[[:space:]]+$1: [0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
passed="$(count succeeded)"
failed="$(count failed)"
skipped="$(count skipped)"
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1   # the build or the runner failed before any test could
fi
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
