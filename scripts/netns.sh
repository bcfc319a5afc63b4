#!/usr/bin/env bash
# Runs a command inside a private network namespace for media: loopback up and a veth pair with private addresses
# (10.77.0.1 and .2), nothing else, so Janus (which never offers media on loopback) can carry media while no packet
# leaves the namespace or reaches the host's own interfaces. Sets SOS_MEDIA_ADDRESS=10.77.0.1. Needs root (unshare -n).
set -euo pipefail
exec unshare --net bash -c '
    set -e
    ip link set lo up
    ip link add sos-media0 type veth peer name sos-media1
    ip addr add 10.77.0.1/24 dev sos-media0
    ip addr add 10.77.0.2/24 dev sos-media1
    ip link set sos-media0 up
    ip link set sos-media1 up
    export SOS_MEDIA_ADDRESS=10.77.0.1
    exec "$@"
' netns "$@"
