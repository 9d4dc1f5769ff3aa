#!/bin/sh
# Run the browser tests (tests/browser.mjs) on a built site.
top=$(cd "$(dirname "$0")/.." && pwd)
site=${1:-$top/site}
mkdir -p "$top/tests/build"
"$top/gen/tiku" bank --content "$top/content" --level 5 --format json \
    > "$top/tests/build/browser-bank-L5.json" || exit 1
node "$top/tests/browser.mjs" "$site" "$top/tests/build/browser-bank-L5.json"
