#!/usr/bin/env bash
# Installs the Debian packages the tests and the lab use, when they are missing and we are root.
# Without root the lab tests skip with one line each; nothing else needs these packages.
set -euo pipefail
packages=(nmap ndiff masscan iptables iproute2 xsltproc libxml2-utils python3-libnmap ieee-data openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: not root, so not installing ${missing[*]}; the lab tests that need them will skip" >&2
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
