#!/bin/sh
# make bench: per-candidate assembly speed and memory, and the site build.
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
echo "the whole site (make's tiku build), median of 5 runs:"
hyperfine --runs 5 --warmup 1 --style none --export-json "$work/site.json" \
    "$tiku build --out $work/site" > /dev/null 2>&1
jq -r '.results[0] | "  median \(.median * 1000 | round / 1000) s (min \(.min * 1000 | round / 1000) s, max \(.max * 1000 | round / 1000) s)"' "$work/site.json"
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
