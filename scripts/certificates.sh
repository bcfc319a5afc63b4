#!/usr/bin/env bash
# The certificates of a Sos installation's cluster, from a private certificate authority of its own:
#
#   bash scripts/certificates.sh DIR ca                        the installation's CA (once): DIR/ca.crt, DIR/ca.key
#   bash scripts/certificates.sh DIR silo NAME [ADDRESS...]    a silo's certificate: DIR/NAME.crt, DIR/NAME.key
#   bash scripts/certificates.sh DIR client NAME               a console's or gateway's: DIR/NAME.crt, DIR/NAME.key
#
# A silo's certificate may serve silo-to-silo and gateway connections (TLS server and client use); a client's only
# connects to gateways (TLS client use), so a console's certificate can never join the cluster as a silo. Each
# ADDRESS (IP address or DNS name) goes into the silo's subject alternative names. Keys are P-256, readable by their
# owner only; ca.key signs new certificates and belongs on no silo. Sos reads the files named by Sos:Security:Tls
# (README, "Cluster security"). Needs openssl (installed with apt when missing).
set -euo pipefail

usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ "$#" -ge 2 ] || usage
dir="$1"
kind="$2"
shift 2

if ! command -v openssl >/dev/null; then
    echo "installing openssl with apt-get" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl </dev/null || { apt-get update -qq </dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl </dev/null; }; } >&2
fi

mkdir -p "$dir"
umask 077
ca_days=3650
leaf_days=825

case "$kind" in
    ca)
        [ "$#" -eq 0 ] || usage
        if [ -e "$dir/ca.crt" ]; then
            echo "$dir/ca.crt exists: an installation has one CA; remove it on purpose to start again" >&2
            exit 1
        fi
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/ca.key" 2>/dev/null
        openssl req -x509 -new -key "$dir/ca.key" -sha256 -days "$ca_days" -subj "/O=Sos/CN=Sos cluster CA" \
            -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
            -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -out "$dir/ca.crt"
        chmod 644 "$dir/ca.crt"
        echo "$dir/ca.crt"
        ;;
    silo | client)
        [ "$#" -ge 1 ] || usage
        name="$1"
        shift
        case "$name" in
            *[!A-Za-z0-9._-]* | "" | ca) echo "a certificate's name is letters, digits, '.', '_' or '-', and not 'ca'" >&2; exit 2 ;;
        esac
        [ -e "$dir/ca.crt" ] && [ -e "$dir/ca.key" ] || { echo "no CA in $dir: run '$0 $dir ca' first" >&2; exit 1; }
        extensions="$(mktemp)"
        trap 'rm -f "$extensions" "$dir/$name.csr"' EXIT
        {
            echo "basicConstraints=critical,CA:FALSE"
            echo "keyUsage=critical,digitalSignature,keyAgreement"
            if [ "$kind" = silo ]; then
                echo "extendedKeyUsage=serverAuth,clientAuth"
                names="DNS:$name"
                for address in "$@"; do
                    if [[ "$address" =~ ^[0-9.]+$ || "$address" == *:* ]]; then
                        names="$names,IP:$address"
                    else
                        names="$names,DNS:$address"
                    fi
                done
                echo "subjectAltName=$names"
            else
                [ "$#" -eq 0 ] || usage
                echo "extendedKeyUsage=clientAuth"
            fi
        } >"$extensions"
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/$name.key" 2>/dev/null
        openssl req -new -key "$dir/$name.key" -subj "/O=Sos/OU=$kind/CN=$name" -out "$dir/$name.csr"
        openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
            -sha256 -days "$leaf_days" -extfile "$extensions" -out "$dir/$name.crt" 2>/dev/null
        chmod 644 "$dir/$name.crt"
        echo "$dir/$name.crt"
        ;;
    *)
        usage
        ;;
esac
