#!/usr/bin/env bash
# The one command that runs every Sos test on a fresh machine: it installs and starts what the tests need
# (PostgreSQL, Chromium), builds, runs the whole suite, and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The console's browser tests drive Debian's Chromium through Playwright (never a browser Playwright downloads); the
# media tests need Janus, its recording tools, ffmpeg, an RTSP test camera and a SIP station; the cluster tests make their certificates with openssl.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v janus >/dev/null || missing+=(janus)
command -v janus-pp-rec >/dev/null || missing+=(janus-tools)
command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v openssl >/dev/null || missing+=(openssl)   # scripts/certificates.sh, for the cluster tests' TLS
command -v npm >/dev/null || missing+=(npm)           # the build restores the console's map library (Leaflet) with it
# The media tests' IP camera: GStreamer's RTSP server (through Debian's python3) with an H.264 encoder.
/usr/bin/python3 -c "import gi; gi.require_version('GstRtspServer', '1.0')" 2>/dev/null || missing+=(python3-gi gir1.2-gst-rtsp-server-1.0)
command -v gst-inspect-1.0 >/dev/null && gst-inspect-1.0 x264enc >/dev/null 2>&1 || missing+=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly)
# The media tests' SIP help-point station: Debian's baresip (its core: no desktop parts).
command -v baresip >/dev/null || missing+=(baresip-core)
# ... the SIP server that supervises stations by OPTIONS and hands Sos their presses (http_client is in its utils modules),
# and sipsak, which sends a gateway's SIP MESSAGE with its own headers.
[ -x /usr/sbin/kamailio ] || command -v kamailio >/dev/null || missing+=(kamailio)
ls /usr/lib/*/kamailio/modules/http_client.so >/dev/null 2>&1 || missing+=(kamailio-utils-modules)
command -v sipsak >/dev/null || missing+=(sipsak)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq </dev/null >&2 && apt-get install -y -qq "${missing[@]}" </dev/null >&2; }; then
        echo "${missing[*]} could not be installed" >&2
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
media_log="$(mktemp)"
# Build the whole solution first: `dotnet test` builds only what the test project references, and the suite also
# runs the benchmark and simulator commands from their own build output. Then every test but the media tests, then
# the media tests inside their own network namespace (scripts/media-tests.sh).
media_rc=0
if dotnet build Sos.sln -c Release 2>&1 | tee "$log"; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    dotnet test --solution Sos.sln -c Release --no-build -- --filter-not-trait Category=Media "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    bash scripts/media-tests.sh "$@" 2>&1 | tee "$media_log"
    media_rc=${PIPESTATUS[0]}
else
    rc=1
fi

count() { grep -E "^[[:space:]]+$1: [0-9]+" "$2" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
passed=$(( $(count succeeded "$log") + $(count succeeded "$media_log") ))
failed=$(( $(count failed "$log") + $(count failed "$media_log") ))
skipped=$(( $(count skipped "$log") + $(count skipped "$media_log") ))
if [ "$rc" -ne 0 ] && [ "$(count failed "$log")" -eq 0 ]; then
    failed=$((failed + 1))   # the build or the runner failed before any test could
fi
if [ "$media_rc" -ne 0 ] && [ "$(count failed "$media_log")" -eq 0 ]; then
    failed=$((failed + 1))   # the media run failed before any test could (no namespace, no runner)
fi
[ "$media_rc" -eq 0 ] || rc=1
# The failures once more, with their first lines, where the end of a long log shows them.
for run in "$log" "$media_log"; do
    grep -E -A4 "^failed " "$run" | grep -vE "^\s+from " || true
done
rm -f "$log" "$media_log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
