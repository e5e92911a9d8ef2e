#!/usr/bin/env bash
# Install the Debian packages the portal and its tests need, if missing:
# fonts and HarfBuzz subsetting for WeasyPrint receipts (BIZ UDPGothic has a
# real bold face and embeds small), poppler for the PDF checks, Chromium for
# the browser tests, Node.js for the OIDC test peer.
set -euo pipefail
packages=(
  fonts-noto-cjk fonts-morisawa-bizud-gothic libharfbuzz-subset0
  libpango-1.0-0 libpangoft2-1.0-0
  poppler-utils chromium nodejs npm
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come with Node.js from elsewhere; only a missing command counts.
if command -v npm >/dev/null; then missing=("${missing[@]/npm}"); fi
if command -v node >/dev/null; then missing=("${missing[@]/nodejs}"); fi
read -ra missing <<<"${missing[*]}"
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
