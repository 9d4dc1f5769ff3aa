#!/bin/sh
# The QTI 3 player test (tests/qti.mjs): every item of a level-2 paper set
# of each kind (two theory forms, a skill and a review form), exported as
# QTI packages, played and scored in Citolab's qti-components in Chromium.
top=$(cd "$(dirname "$0")/.." && pwd)
tiku="$top/gen/tiku"
work="$top/tests/build/qti-player"
rm -rf "$work" && mkdir -p "$work"
"$tiku" bank --content "$top/content" --level 2 --format json > "$work/bank-L2.json" || exit 1
for k in theory skill review; do
	"$tiku" paper --content "$top/content" --level 2 --kind $k --forms 2 \
	    --format qti --out "$work" 2> /dev/null || exit 1
	unzip -q "$work/qti-L2-$k.zip" -d "$work/$k" || exit 1
done
node "$top/tests/qti.mjs" "$work/bank-L2.json" "$work/theory" "$work/skill" "$work/review"
