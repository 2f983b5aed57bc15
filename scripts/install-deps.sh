#!/usr/bin/env bash
# Installs the Debian packages the tests and the lab use, when they are missing and we are root.
# Without root the lab tests skip with one line each; nothing else needs these packages.
set -euo pipefail
packages=(nmap ndiff masscan fping iptables iproute2 xsltproc libxml2-utils python3-libnmap ieee-data openssl)
# Real daemons the lab runs inside its target namespaces (dev.portolan.lab.services), and clients to check them.
# dnsmasq-base is the binary without the system service; snmp and dnsutils (snmpget, dig) are for trying by hand.
daemons=(openssh-server nginx vsftpd exim4-daemon-light dovecot-pop3d dovecot-imapd redis-server postgresql
  mariadb-server memcached dnsmasq-base snmpd chrony)
# The init scripts of these packages, which an install would start in the machine's own namespace.
services=(ssh nginx vsftpd exim4 dovecot redis-server postgresql mariadb memcached snmpd chrony)
packages+=("${daemons[@]}" snmp dnsutils)
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

# The daemons must run only inside lab namespaces, each with the lab's own config; an install that starts them in
# the machine's namespace would take their ports there and leave them running. invoke-rc.d asks policy-rc.d first,
# and exit code 101 means "action forbidden", so no package starts its service. A policy already present (Docker
# images ship one) is put back afterwards.
policy=/usr/sbin/policy-rc.d
saved=""
if [[ -e $policy ]]; then
  saved=$(mktemp)
  cp -p "$policy" "$saved"
fi
restore_policy() {
  if [[ -n $saved ]]; then
    mv -f "$saved" "$policy"
  else
    rm -f "$policy"
  fi
}
trap restore_policy EXIT
printf '#!/bin/sh\n# written by portolan scripts/install-deps.sh for the duration of an install\nexit 101\n' >"$policy"
chmod 755 "$policy"

running() { [[ -x /etc/init.d/$1 ]] && /etc/init.d/"$1" status >/dev/null 2>&1; }
before=()
for s in "${services[@]}"; do running "$s" && before+=("$s"); done

apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null

# Should a service have started anyway (an init system that ignores policy-rc.d), stop it through its own init
# script, which acts only on the system instance (its pid file), never on the lab's daemons in their namespaces;
# one that ran before the install is left alone.
for s in "${services[@]}"; do
  if running "$s" && [[ " ${before[*]} " != *" $s "* ]]; then
    echo "install-deps: stopping $s, started by its install" >&2
    /etc/init.d/"$s" stop >/dev/null 2>&1 || true
  fi
done
