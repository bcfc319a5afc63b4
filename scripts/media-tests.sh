#!/usr/bin/env bash
# The media tests (real Janus, real WebRTC in Chromium with fake devices) inside a private network namespace that this
# script makes: Janus never offers media on loopback, and test media must never reach the host's own interfaces. The
# namespace has loopback and a veth pair with private addresses (10.77.0.1 and .2) and nothing else. Needs root
# (unshare -n) and a build of Sos.sln (Release); arguments go to the test runner.
set -uo pipefail
cd "$(dirname "$0")/.."
exec unshare --net bash -c '
    set -e
    ip link set lo up
    ip link add sos-media0 type veth peer name sos-media1
    ip addr add 10.77.0.1/24 dev sos-media0
    ip addr add 10.77.0.2/24 dev sos-media1
    ip link set sos-media0 up
    ip link set sos-media1 up
    export SOS_TEST_MEDIA_ADDRESS=10.77.0.1
    exec dotnet test --project Sos.Tests -c Release --no-build -- --filter-trait Category=Media "$@"
' media-tests "$@"
