#!/bin/sh
# make bench: per-candidate assembly speed and memory, printed PDF sets,
# and the site build.
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
echo "(10 files), median of 3 runs of the whole command:"
: > "$work/pdfs"; : > "$work/pdfkb"
for run in 1 2 3; do
	rm -rf "$work/pdf"
	/usr/bin/time -f '%e %M' -o "$work/pdftime" "$tiku" paper --level 3 \
	    --kind theory --forms 3 --seed 1 --format pdf --out "$work/pdf" 2> /dev/null
	awk '{print $1 > "'"$work/pdfs.tmp"'"; print $2 > "'"$work/pdfkb.tmp"'"}' "$work/pdftime"
	cat "$work/pdfs.tmp" >> "$work/pdfs"; cat "$work/pdfkb.tmp" >> "$work/pdfkb"
done
printf '  %s s, peak %.1f MiB, %s pages, %s KiB\n' "$(median < "$work/pdfs")" \
    "$(echo "$(median < "$work/pdfkb") / 1024" | bc -l)" \
    "$(for f in "$work"/pdf/*.pdf; do pdfinfo "$f" | awk '/^Pages:/ {print $2}'; done |
       awk '{n += $1} END {print n}')" "$(du -sk "$work/pdf" | cut -f1)"
echo
echo "the whole site (make's tiku build), median of 5 runs:"
hyperfine --runs 5 --warmup 1 --style none --export-json "$work/site.json" \
    "$tiku build --out $work/site" > /dev/null 2>&1
jq -r '.results[0] | "  median \(.median * 1000 | round / 1000) s (min \(.min * 1000 | round / 1000) s, max \(.max * 1000 | round / 1000) s)"' "$work/site.json"
