#!/usr/bin/env bash
# The media tests (real Janus, real WebRTC in Chromium with fake devices) inside the private network namespace of
# scripts/netns.sh: Janus never offers media on loopback, and test media must never reach the host's own interfaces.
# Needs root (unshare -n) and a build of Sos.sln (Release); arguments go to the test runner.
set -uo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/netns.sh env SOS_TEST_MEDIA_ADDRESS=10.77.0.1 dotnet test --project Sos.Tests -c Release --no-build -- --filter-trait Category=Media "$@"
