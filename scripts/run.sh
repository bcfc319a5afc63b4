#!/usr/bin/env bash
# The one command that runs Sos on one machine with voice, video and recording: installs Debian's Janus (the media
# server), its recording tools, ffmpeg and kamailio (which asks SIP intercoms if they are there and takes their presses) with apt when missing,
# then runs the console in Embedded mode, which starts and supervises Janus and kamailio itself. Arguments go to the console (e.g. --Sos:Media:Address 192.168.1.20).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
missing=()
command -v janus >/dev/null || missing+=(janus)
command -v janus-pp-rec >/dev/null || missing+=(janus-tools)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v npm >/dev/null || missing+=(npm)           # the build restores the console's map library (Leaflet) with it
[ -x /usr/sbin/kamailio ] || command -v kamailio >/dev/null || missing+=(kamailio)   # SIP OPTIONS supervision of SIP intercoms
ls /usr/lib/*/kamailio/modules/http_client.so >/dev/null 2>&1 || missing+=(kamailio-utils-modules)   # ... and their presses by SIP MESSAGE
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]} with apt-get" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}"
fi
exec dotnet run --project Sos.Console -c Release -- "$@"
