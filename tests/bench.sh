#!/bin/sh
# make bench: per-candidate assembly speed and memory, printed PDF sets,
# the course kit, and the site build.
# Figures, not assertions: performance is measured here, never tested.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tiku="$top/gen/tiku"
work="$top/tests/build/bench"
rm -rf "$work" && mkdir -p "$work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "10,000 per-candidate theory forms per level (stratified sampler, exposure 0.35),"
echo "median of 3 runs; 'draw' is the assembly, 'whole' the command with loading and"
echo "writing the 98 MB manifest:"
printf '%-7s %12s %14s %12s %12s\n' level "draw (s)" "forms/s" "whole (s)" "peak MiB"
for l in 5 4 3 2 1; do
	: > "$work/draws$l"; : > "$work/wholes$l"; : > "$work/kbs$l"
	for run in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$work/time$l" "$tiku" paper --level $l \
		    --kind theory --candidates 10000 --format json > "$work/c$l.json" \
		    2> "$work/err$l" || { cat "$work/err$l"; exit 1; }
		sed -n 's/.*solved in \([0-9.]*\) s.*/\1/p' "$work/err$l" >> "$work/draws$l"
		awk '{print $1 > "'"$work/wholes$l"'"; print $2 > "'"$work/kbs$l"'"}' "$work/time$l"
	done
	draw=$(median < "$work/draws$l")
	printf '%-7s %12s %14.0f %12s %12.1f\n' "$l" "$draw" \
	    "$(echo "10000 / $draw" | bc -l)" "$(median < "$work/wholes$l")" \
	    "$(echo "$(median < "$work/kbs$l") / 1024" | bc -l)"
done
echo
echo "3 parallel theory forms per level (GLPK), seed 1:"
for l in 5 4 3 2 1; do
	"$tiku" paper --level $l --kind theory --forms 3 --seed 1 --format json \
	    2>&1 > /dev/null | sed 's/^tiku paper: /  /'
done
echo
echo "printed PDF: a level 3 set of 3 theory forms with keys and answer sheets"
echo "(10 files): time of the whole command (hyperfine, median of 5 runs), peak"
echo "memory (/usr/bin/time, median of 3 runs), CPU time of one run:"
pdfcmd="$tiku paper --level 3 --kind theory --forms 3 --seed 1 --format pdf --out $work/pdf"
hyperfine --runs 5 --warmup 1 --style none --prepare "rm -rf $work/pdf" \
    --export-json "$work/pdf.json" "$pdfcmd" > /dev/null 2>&1
: > "$work/pdfkb"
for run in 1 2 3; do
	rm -rf "$work/pdf"
	/usr/bin/time -f '%M %U %S' -o "$work/pdftime" $pdfcmd 2> /dev/null
	cat "$work/pdftime" >> "$work/pdfkb"
done
printf '  median %s s (min %s s, max %s s), peak %.1f MiB, CPU %s s, %s pages, %s KiB\n' \
    "$(jq '.results[0].median * 1000 | round / 1000' "$work/pdf.json")" \
    "$(jq '.results[0].min * 1000 | round / 1000' "$work/pdf.json")" \
    "$(jq '.results[0].max * 1000 | round / 1000' "$work/pdf.json")" \
    "$(echo "$(cut -d' ' -f1 "$work/pdfkb" | median) / 1024" | bc -l)" \
    "$(tail -1 "$work/pdfkb" | awk '{print $2 + $3}')" \
    "$(for f in "$work"/pdf/*.pdf; do pdfinfo "$f" | awk '/^Pages:/ {print $2}'; done |
       awk '{n += $1} END {print n}')" "$(du -sk "$work/pdf" | cut -f1)"
echo
echo "the course kit (tiku course: JSON, iCalendar, Word course and lesson plans),"
echo "per level, median of 3 runs of the whole command:"
printf '%-7s %10s %12s %10s\n' level "time (s)" "peak MiB" sessions
for l in 5 4 3 2 1; do
	: > "$work/course-s"; : > "$work/course-kb"
	for run in 1 2 3; do
		rm -rf "$work/course"
		/usr/bin/time -f '%e %M' -o "$work/course-time" "$tiku" course \
		    --level $l --start 2026-03-02 --out "$work/course" 2> /dev/null
		cut -d' ' -f1 "$work/course-time" >> "$work/course-s"
		cut -d' ' -f2 "$work/course-time" >> "$work/course-kb"
	done
	printf '%-7s %10s %12.1f %10s\n' "$l" "$(median < "$work/course-s")" \
	    "$(echo "$(median < "$work/course-kb") / 1024" | bc -l)" \
	    "$(jq '.sessions | length' "$work/course/course-L$l.json")"
done
# the whole kit of every level in one command (content loaded once), and
# with the PDFs added
for formats in json,ics,docx,xlsx,html json,ics,docx,xlsx,html,pdf; do
	: > "$work/course-s"; : > "$work/course-kb"
	for run in 1 2 3; do
		rm -rf "$work/course"
		/usr/bin/time -f '%e %M' -o "$work/course-time" "$tiku" course \
		    --level all --start 2026-03-02 --format $formats \
		    --out "$work/course" 2> /dev/null
		cut -d' ' -f1 "$work/course-time" >> "$work/course-s"
		cut -d' ' -f2 "$work/course-time" >> "$work/course-kb"
	done
	printf '%-7s %10s %12.1f %10s  (%s)\n' all "$(median < "$work/course-s")" \
	    "$(echo "$(median < "$work/course-kb") / 1024" | bc -l)" \
	    "$(cat "$work"/course/course-L*.json | jq -s '[.[].sessions | length] | add')" \
	    "$formats"
done
echo
echo "the whole site (make's tiku build), median of 5 runs:"
hyperfine --runs 5 --warmup 1 --style none --export-json "$work/site.json" \
    "$tiku build --out $work/site" > /dev/null 2>&1
jq -r '.results[0] | "  median \(.median * 1000 | round / 1000) s (min \(.min * 1000 | round / 1000) s, max \(.max * 1000 | round / 1000) s)"' "$work/site.json"

# ---- side by side with the reference tools (issue 19's table) ----
# Each row: tiku's median and the reference's median over the same runs
# (hyperfine, whole processes), and the ratio.
sh gen/ensure-debs.sh pandoc hugo > /dev/null || exit 1
ref=$work/ref
mkdir -p "$ref"
pair() {        # label, tiku command, reference command
	hyperfine --runs 7 --warmup 1 --style none --export-json "$ref/pair.json" \
	    -n tiku "$2" -n ref "$3" > /dev/null 2>&1 || {
		echo "  $1: a command failed"; return; }
	jq -r --arg l "$1" '.results as $r |
	    ($r[0].median * 1000) as $t | ($r[1].median * 1000) as $f |
	    "  \($l): tiku \($t | round) ms, reference \($f | round) ms, " +
	    (if $t < $f then "\($f / $t * 10 | round / 10)x faster"
	     else "\($t / $f * 10 | round / 10)x slower" end)' "$ref/pair.json"
}
# the level-3 bank as Markdown, for pandoc: stem, options, answer
"$tiku" bank --level 3 --format json | jq -r '.items[] |
    "## \(.id)\n\n\(.stem)\n\n" + ((.options // []) | to_entries |
    map("\([65 + .key] | implode). \(.value)") | join("\n\n")) +
    "\n\n答案：\(.answer // "")\n\n解析：\(.explanation // "")\n"' > "$ref/bank-L3.md"
# a Hugo site of the same Markdown: the standard and the items as pages
mkdir -p "$ref/hugo/content/standard" "$ref/hugo/content/items" \
    "$ref/hugo/layouts/_default"
cp content/standard/*.md "$ref/hugo/content/standard/"
cp content/items/*.md "$ref/hugo/content/items/"
printf 'baseURL = "/"\ntitle = "bench"\n' > "$ref/hugo/config.toml"
printf '<html><body>{{ .Content }}</body></html>\n' \
    > "$ref/hugo/layouts/_default/single.html"
printf '<html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n' \
    > "$ref/hugo/layouts/_default/list.html"
"$tiku" build --out "$ref/site" > /dev/null 2>&1
echo
echo "side by side, medians of 7 runs:"
pair "level-1 syllabus -> ePub (pandoc: the whole standard -> ePub)" \
    "$tiku syllabus --level 1 --format epub --out $ref/syl" \
    "pandoc -o $ref/standard.epub content/standard/*.md"
pair "level-3 bank -> ePub (pandoc: the same items as Markdown -> ePub)" \
    "$tiku bank --level 3 --format epub --out $ref/bank" \
    "pandoc -o $ref/bank.epub $ref/bank-L3.md"
pair "whole site, tiku build (cp -r of its output)" \
    "$tiku build --out $ref/site2" \
    "rm -rf $ref/copy && cp -r $ref/site $ref/copy"
pair "whole site, tiku build (hugo: the same Markdown as pages)" \
    "$tiku build --out $ref/site2" \
    "hugo --quiet -s $ref/hugo -d $ref/hugo-out"
for l in 5 4 3 2 1; do
	hyperfine --runs 7 --warmup 1 --style none --export-json "$ref/f.json" \
	    "$tiku paper --level $l --kind theory --forms 3 --format json --out $ref/f$l" \
	    > /dev/null 2>&1
	jq -r --arg l "$l" '"  3 parallel theory forms, level \($l): \(.results[0].median * 1000 | round) ms (whole command)"' "$ref/f.json"
done
hyperfine --runs 7 --warmup 1 --style none --export-json "$ref/lint.json" \
    "$tiku lint" > /dev/null 2>&1
jq -r '"  loading content (tiku lint): \(.results[0].median * 1000 | round) ms"' "$ref/lint.json"
hyperfine -N --runs 30 --warmup 3 --style none --export-json "$ref/start.json" \
    "$tiku --version" > /dev/null 2>&1
jq -r '"  start-up (tiku --version): \(.results[0].median * 10000 | round / 10) ms"' "$ref/start.json"
/usr/bin/time -f '%M' -o "$ref/mem" "$tiku" build --out "$ref/site3" > /dev/null 2>&1
echo "  whole site build, peak memory: $(($(cat "$ref/mem") / 1024)) MiB"
echo
echo "each page kind in Chromium, CPU slowed down 4x, over http from loopback,"
echo "empty cache, median of 3 loads:"
"$tiku" build --out "$work/pages-site" > /dev/null 2>&1 || exit 1
sh tests/tools.sh && node tests/bench-pages.mjs "$work/pages-site" | sed 's/^/  /'
echo
echo "a sitting of 1,000,000 candidates x 100 items (one level-3 form of 30 judge,"
echo "60 single, 10 multi items; Rasch data from tests/simulate.c): tiku score"
echo "(CSV in and out) and tiku analyse (classical + Rasch CML + fit), one core:"
make -s tests/build/simulate
cp -R content "$work/content"
sed -i 's/^judge: 20 × 1$/judge: 30 × 1/; s/^single: 50 × 1$/single: 60 × 1/;
    s/^multi: 15 × 2$/multi: 10 × 1/' "$work/content/papers.md"
"$tiku" paper --content "$work/content" --level 3 --kind theory --seed 1 \
    --format json --out "$work/big" 2>/dev/null
"$tiku" bank --content "$work/content" --level 3 --format json > "$work/big/bank.json"
tests/build/simulate "$work/big/manifest-L3-theory.json" "$work/big/bank.json" \
    rasch 1000000 3 "$work/big"
rm -f "$work/big/matrix.csv"
/usr/bin/time -f '  score:   %e s wall, %U s user, %S s system, peak %M KiB' \
    "$tiku" score "$work/big/manifest-L3-theory.json" "$work/big/responses.csv" \
    --content "$work/content" --format csv --out "$work/big/scored" 2>&1 |
    grep -v '^tiku'
/usr/bin/time -f '  analyse: %e s wall, %U s user, %S s system, peak %M KiB' \
    "$tiku" analyse "$work/big/scored" --out "$work/big/an" 2>&1 | grep -v '^tiku'
