#!/bin/sh
# Test tools from the npm registry, installed into tests/node_modules:
# the Nu HTML checker (vnu-jar), axe-core (accessibility rules injected
# into pages), playwright-core (which drives Debian's Chromium; it
# downloads no browser) and the QTI 3 player qti-components.
# Installs npm from Debian if missing.
cd "$(dirname "$0")" || exit 1
if [ -f node_modules/vnu-jar/build/dist/vnu.jar ] && [ -d node_modules/playwright-core ] &&
    [ -f node_modules/@citolab/qti-components/cdn/index.js ] &&
    [ -f node_modules/axe-core/axe.min.js ]; then
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	sh ../gen/ensure-debs.sh npm || exit 1
fi
npm ci --no-audit --no-fund --loglevel=error >&2
