#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: Chromium and fonts for the browser
# journeys, poppler (pdftotext, pdffonts, pdftoppm) for PDF checks, epubcheck for EPUB validation,
# and the PostgreSQL and Redis servers the storage and fan-out tests run against (started if stopped).
set -euo pipefail
missing=()
command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null || missing+=(epubcheck)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "[ensure-test-tools] installing ${missing[*]} from apt"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash "$(dirname "$0")/ensure-services.sh"
