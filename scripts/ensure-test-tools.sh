#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: Chromium and fonts for the browser
# journeys, poppler (pdftotext, pdffonts, pdftoppm) for PDF checks, epubcheck for EPUB validation.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ -f /usr/share/java/epubcheck.jar ] && command -v java >/dev/null || missing+=(epubcheck)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[ensure-test-tools] installing ${missing[*]} from apt"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
