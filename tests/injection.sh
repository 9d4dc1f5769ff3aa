#!/bin/sh
# Hostile content through the whole pipeline. A copy of the default content
# gets script tags, event-handler attributes, javascript: links and
# attribute breakers appended to every option, explanation, task scenario,
# rubric line and knowledge text (legal Markdown: lint must accept it).
# The site, every export and the Word, Moodle and QTI papers are written
# from it; every markup file, unpacked zip member and HTML field of the
# site's data must hold the payloads only as text, never as markup.
# tests/xss.mjs then walks the site in headless Chromium: practice, a mock
# exam, search; no script may run, no element may carry a handler.
# Raw HTML written as such is refused by lint (tests/lint/raw-html*,
# items-raw-html). Prints "injection: N passed, N failed"; exits 1 on failure.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tiku="$top/gen/tiku"
work="$top/tests/build/injection"
rm -rf "$work" && mkdir -p "$work"
. "$top/tests/lib.sh"

# append PAYLOAD to the lines of FILE that match the awk regex RE
taint() {
	RE=$2 PAYLOAD=$3 awk '$0 ~ ENVIRON["RE"] { print $0 " " ENVIRON["PAYLOAD"]; next }
	    { print }' "$1" > "$1.new" && mv "$1.new" "$1"
}

cp -R content "$work/content"
for f in "$work"/content/items/*.md; do
	taint "$f" '^[A-E]\. ' '`<script>alert("XSS1")</script>` \<img src=x onerror=alert("XSS2")>'
	taint "$f" '^解析：' '[详见](javascript:alert("XSS3")) " onmouseover="alert('"'"'XSS4'"'"')'
	taint "$f" '^情境：' '['"'"'><svg onload=alert('"'"'XSS5'"'"')>](http://example.com/" onclick="alert('"'"'XSS6'"'"'))'
	taint "$f" '^- [0-9]+分：' '`</textarea><script>alert("XSS7")</script>`'
done
for f in "$work"/content/standard/3.*.md; do
	taint "$f" '^- [0-9]+\.[0-9]+\.[0-9]+ ' '\<b onclick="alert('"'"'XSS8'"'"')"> <javascript:alert("XSS9")>'
done

check "hostile text is legal content" "$tiku" lint --content "$work/content"
out="$work/out"
mkdir -p "$out"
check "the site builds" "$tiku" build --content "$work/content" --out "$out/site"
for f in moodle qti xlsx; do
	check "export $f" "$tiku" export --content "$work/content" --level 2 \
	    --format "$f" --out "$out/bank2.$f"
done
check "a theory paper in every format" "$tiku" paper --content "$work/content" \
    --level 5 --kind theory --format html,epub,json,docx,moodle,qti --out "$out/p5"
check "a skill paper in every format" "$tiku" paper --content "$work/content" \
    --level 2 --kind skill --format html,epub,json,docx,moodle,qti --out "$out/p2"

# unpack every zip container: ePub, QTI, Word, Excel
find "$out" -name '*.epub' -o -name '*.zip' -o -name '*.docx' -o -name '*.xlsx' \
    -o -name '*.qti' > "$work/zips"
while IFS= read -r z; do
	mkdir -p "$z.d" && (cd "$z.d" && unzip -q "$z") || bad "unzip $z"
done < "$work/zips"

# not vacuous: the payloads reached every kind of output, as text
for x in XSS1 XSS4 XSS5 XSS7 XSS8; do
	check "$x reached the site's pages" grep -rqF "$x" "$out/site" --include='*.html'
done
check "payloads reached the ePubs" grep -rqF XSS1 "$out/p5/papers-L5-theory.epub.d"
check "javascript: links lose their target (cmark's safe mode)" \
    grep -rqF '<a href="">详见</a>' "$out/site" --include='*.html'
check "payloads reached Word" grep -qF XSS1 "$out/p5/paper-L5-theory-A.docx.d/word/document.xml"
check "payloads reached QTI" grep -rqF XSS4 "$out/bank2.qti.d/items"
check "payloads reached Moodle" grep -qF XSS4 "$out/bank2.moodle"
check "payloads reached Excel" grep -qF XSS1 "$out/bank2.xlsx.d/xl/sharedStrings.xml"

# no payload inside a tag, and no javascript: link, in any markup file
find "$out" -type f \( -name '*.html' -o -name '*.xhtml' -o -name '*.xml' \
    -o -name '*.opf' -o -name '*.ncx' -o -name '*.moodle' \) > "$work/markup"
check "markup files were found" test "$(wc -l < "$work/markup")" -gt 100
: > "$work/active"
while IFS= read -r f; do
	grep -HoE '<[^<>]*(alert\(|XSS[0-9])[^<>]*>?' "$f" >> "$work/active"
	grep -HoiE '(href|src)="[[:space:]]*javascript:[^"]*"' "$f" >> "$work/active"
done < "$work/markup"
check "no payload survives as markup in any HTML, XHTML, ePub or export" \
    sh -c "! head -20 '$work/active' | grep ."
# the site's data files: HTML fields go through innerHTML, so the same rule
: > "$work/data-active"
for f in "$out"/site/data/*.js; do
	sed '1s/^[^(]*(//; $s/);*$//' "$f" | jq -r '.. | objects | to_entries[] |
	    select(.key | test("html$")) | .value | if type == "array" then .[]
	    else . end | strings' | grep -oE '<[^<>]*(alert\(|XSS[0-9])[^<>]*>?' \
	    >> "$work/data-active"
done
check "no payload survives as markup in the site's HTML data" \
    sh -c "! head -20 '$work/data-active' | grep ."
check "the data's HTML fields were read" sh -c \
    "sed '1s/^[^(]*(//; \$s/);*\$//' '$out/site/data/L5.js' | jq -e '[.. | objects | .stem_html? | strings] | length > 100'"

# and in a browser: nothing runs while a candidate uses the hostile site
check "the hostile site in Chromium: no script runs" node tests/xss.mjs "$out/site"

echo "injection: $pass passed, $fail failed"
[ "$fail" = 0 ]
