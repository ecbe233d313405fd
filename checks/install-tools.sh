#!/usr/bin/env bash
# Installs what checks/run needs besides the JDK, where it is missing (run as root, as CI does):
#   deploy     docker-compose and kubectl (deploy/install-tools.sh says how and why)
#   browser    Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): Selenium is pointed
#              at both, so Selenium Manager never downloads a browser or a driver
#   contract   Node.js 20 and npm (already on the machine); the TypeScript compiler is pinned in checks/contract.sh
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-tools.sh

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "install-tools: chromium and chromium-driver (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver > /dev/null
fi
/usr/bin/chromium --version | sed 's/^/install-tools: /'
/usr/bin/chromedriver --version | sed 's/^/install-tools: /'

command -v npm > /dev/null || { echo "install-tools: npm is needed (Node.js 20)" >&2; exit 1; }
echo "install-tools: node $(node --version), npm $(npm --version)"
