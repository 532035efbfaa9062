#!/usr/bin/env bash
# Set-up for a fresh machine: the system packages the build needs (through
# apt-get when running as root), then the Python packages into .venv/.
# Run by `make` on first use; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(fonts-paratype libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 pandoc poppler-utils default-jre-headless gettext chromium chromium-driver nodejs npm)
echo "setup: checking the system packages: ${SYSTEM_PACKAGES[*]}"
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  if [ "$pkg" = default-jre-headless ] && command -v java >/dev/null 2>&1; then continue; fi
  if [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi  # e.g. NodeSource's nodejs has npm
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    echo "setup: apt-get update (the package lists)"
    apt-get update -qq
    echo "setup: apt-get install (a minute or two on a fresh machine)"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing: ${missing[*]}" >&2
    echo "setup: install them with:  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "setup: installing the Python packages of pyproject.toml into .venv (about half a minute the first time)"
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

# Ace by DAISY for the accessibility tests, from package-lock.json into node_modules/. It runs with
# Debian's chromium (PUPPETEER_EXECUTABLE_PATH, set by the tests): puppeteer downloads no browser.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing Ace by DAISY into node_modules/"
  PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
touch .venv/.installed
echo "setup: ready"
