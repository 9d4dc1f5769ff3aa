#!/bin/sh
# tiku analyse on simulated sittings with known parameters (tests/simulate.c):
# three level-3 forms sharing items, 10,000 candidates, Rasch and 2PL data,
# a wrong key, a non-discriminating item and a dead distractor planted.
# The calibrated b must correlate >= 0.98 with the truth, every planted item
# carry its flag, and at most 2 % of the other items any flag. Then the
# same statistics side by side with R (eRm's RM, psych's alpha) on the same
# matrices, within the tolerances stated below.
top=$(cd "$(dirname "$0")/.." && pwd)
tiku="${TIKU:-$top/gen/tiku}"
sim="${SIMULATE:-$top/tests/build/simulate}"
work="$top/tests/build/analyse"
rm -rf "$work" && mkdir -p "$work"
. "$top/tests/lib.sh"
cd "$top" || exit 2
tab=$(printf '\t')

"$tiku" paper --level 3 --kind theory --forms 3 --max-overlap 0.3 --seed 5 \
    --format json --out "$work/paper" 2>/dev/null
"$tiku" bank --level 3 --format json > "$work/bank.json"
man="$work/paper/manifest-L3-theory.json"
check "the three forms share items" test "$(jq '[.forms[].items[].id] |
    length - (unique | length)' "$man")" -gt 20

for model in rasch 2pl; do
	w="$work/$model"
	mkdir -p "$w"
	"$sim" "$man" "$work/bank.json" $model 10000 11 "$w"
	"$tiku" score "$man" "$w/responses.csv" --format csv --out "$w/scored" \
	    2>/dev/null
	check "$model: analyse runs" "$tiku" analyse "$w/scored" --out "$w/an"
	jq -r '.items[] | [.id, .b, (.flags | join(";")), .file, .line] | @tsv' \
	    "$w/an/analysis.json" | sort > "$w/got.tsv"
	tail -n +2 "$w/truth.tsv" | sort | join -t "$tab" - "$w/got.tsv" > "$w/joined.tsv"
	r=$(awk -F"$tab" '$4 == "-" { n++; x += $2; y += $5; xx += $2 * $2;
	    yy += $5 * $5; xy += $2 * $5 } END { printf "%.4f",
	    (xy - x * y / n) / sqrt((xx - x * x / n) * (yy - y * y / n)) }' \
	    "$w/joined.tsv")
	check "$model: calibrated b correlate $r >= 0.98 with the truth" \
	    awk "BEGIN { exit !($r >= 0.98) }"
	check "$model: the wrong key is flagged" grep -q \
	    "${tab}wrong key${tab}.*likely wrong key" "$w/joined.tsv"
	check "$model: the non-discriminating item is flagged" grep -q \
	    "${tab}no discrimination${tab}.*low discrimination" "$w/joined.tsv"
	check "$model: the dead distractor is flagged" grep -q \
	    "${tab}dead distractor${tab}.*dead distractor" "$w/joined.tsv"
	fp=$(awk -F"$tab" '$4 == "-" && $6 != "" { n++ } END { print n + 0 }' \
	    "$w/joined.tsv")
	n=$(awk -F"$tab" '$4 == "-"' "$w/joined.tsv" | wc -l)
	check "$model: $fp of $n sound items flagged (at most 2 %)" \
	    test $((fp * 50)) -le "$n"
	# (a generated item is named by its generator's file, line 0: the file
	# declares the family, G-subnet for G-subnet-13)
	check "$model: each flag names the item's file and line" awk -F"$tab" '
	    $6 != "" && $8 > 0 { cmd = "sed -n " $8 "p " $7; cmd | getline l
	      close(cmd); if (index(l, $1) == 0) exit 1 }
	    $6 != "" && $8 == 0 { fam = $1; sub(/-[0-9]+$/, "", fam)
	      if (system("grep -q \"" fam "\" " $7) != 0) exit 1 }' "$w/joined.tsv"
done

"$tiku" analyse "$work/rasch/scored" --out "$work/again" 2>/dev/null
check "analysing twice gives the same bytes" diff -r "$work/rasch/an" \
    "$work/again"
check "the report is well-formed XHTML-compatible HTML" xmllint --html \
    --noout "$work/rasch/an/report.html"
check "the report plots every form's histogram and the item map" test \
    "$(grep -o '<svg' "$work/rasch/an/report.html" | wc -l)" -ge 4

# R side by side on form A's candidates (eRm's CML takes minutes on the
# 226 items of all three forms): the matrix the simulation scored, and
# tiku's analysis of the same candidates. Tolerances: b 0.001 logit, SE
# 1 %, infit and outfit 0.001, item-total correlations and alpha 0.0005.
w="$work/rasch"
awk -F, 'NR == 1 || $1 == "A"' "$w/matrix.csv" > "$w/matrix-A.csv"
awk -F, 'NR == 1 || $2 == "A"' "$w/responses.csv" > "$w/responses-A.csv"
"$tiku" score "$man" "$w/responses-A.csv" --format csv --out "$w/scored-A" \
    2>/dev/null
"$tiku" analyse "$w/scored-A" --out "$w/an-A" 2>/dev/null
Rscript tests/analyse/reference.R "$w/matrix-A.csv" "$w/r_items.tsv" \
    "$w/r_forms.tsv" > "$w/r.out" 2>&1
check "R (eRm, psych) ran" test -s "$w/r_items.tsv"
jq -r '.items[] | select(.n > 0) | [.id, .b, .se, .infit, .outfit, .r_pb,
    .r_drop] | @tsv' "$w/an-A/analysis.json" | sort > "$w/ours.tsv"
tail -n +2 "$w/r_items.tsv" | sort | join -t "$tab" "$w/ours.tsv" - > "$w/side.tsv"
check "R and tiku saw the same 85 items" test "$(wc -l < "$w/side.tsv")" = 85
cmp_col() {     # cmp_col NAME OURS THEIRS TOLERANCE [relative]
	worst=$(awk -F"$tab" -v o="$2" -v t="$3" -v rel="${5:-}" '
	    { d = $o - $t; if (d < 0) d = -d; if (rel) d /= $t
	      if (d > worst) worst = d } END { printf "%.6f", worst }' \
	    "$w/side.tsv")
	check "$1 agree with R within $4${5:+ (relative)}: largest difference $worst" \
	    awk "BEGIN { exit !($worst <= $4) }"
}
cmp_col "Rasch b (eRm RM, CML)" 2 8 0.001
cmp_col "standard errors of b (eRm)" 3 9 0.01 relative
cmp_col "infit MSQ (eRm itemfit)" 4 10 0.001
cmp_col "outfit MSQ (eRm itemfit)" 5 11 0.001
cmp_col "item-total r (psych raw.r)" 6 12 0.0005
cmp_col "corrected item-total r (psych r.drop)" 7 13 0.0005
ours=$(jq '.forms[] | select(.form == "A") | .alpha' "$w/an-A/analysis.json")
theirs=$(awk -F"$tab" '$1 == "A" { print $2 }' "$w/r_forms.tsv")
check "KR-20 $ours agrees with psych's alpha $theirs within 0.0005" awk \
    "BEGIN { d = $ours - $theirs; exit !(d <= 0.0005 && d >= -0.0005) }"

# Bad input.
"$tiku" analyse "$work/nothing" > "$work/bad1.out" 2>&1
check "a folder without a scored sitting: exit 1 and why" grep -qx \
    "$work/nothing/sitting.json: not a scored sitting: unable to open $work/nothing/sitting.json: No such file or directory; give a folder that tiku score wrote" \
    "$work/bad1.out"
cp -R "$work/rasch/scored" "$work/broken"
printf 'C9\tQ\tA\n' >> "$work/broken/responses.tsv"
"$tiku" analyse "$work/broken" > "$work/bad2.out" 2>&1
check "a responses line of an unknown form: file:line" grep -qx \
    "$work/broken/responses.tsv:10001: candidate C9: form 'Q' is not in sitting.json" \
    "$work/bad2.out"


# The loop closes: --save writes the sitting's statistics into a copy of
# the content; the next paper leaves the flagged items out and is made
# parallel on calibrated b; audit reports it; an edited item drops its
# statistics.
cp -R content "$work/content"
check "analyse --save writes content/stats/" "$tiku" analyse \
    "$work/rasch/scored" --out "$work/saved" --save --content "$work/content"
check "one statistics file per sitting, every planted item flagged in it" \
    test "$(jq '[.items[] | select(.flags != "")] | length' \
    "$work/content/stats/scored.json")" -ge 3
"$tiku" paper --content "$work/content" --level 3 --kind theory --forms 3 \
    --seed 9 --format json --out "$work/next" 2>/dev/null
next="$work/next/manifest-L3-theory.json"
check "the next forms are matched on calibrated b" test \
    "$(jq -r .matched_on "$next")" = b
check "the next forms' mean b lie within 0.1" jq -e \
    '[.forms[].b_mean] | max - min <= 0.1' "$next"
flagged=$(jq -r '.items[] | select(.flags != "") | .id' \
    "$work/content/stats/scored.json")
check "no flagged item is on the next forms" sh -c "! jq -r \
    '.forms[].items[].id' '$next' | grep -qxF '$flagged'"
"$tiku" audit "$next" --content "$work/content" > "$work/audit.out" 2>&1
check "audit passes and reports the statistic it matched" grep -q \
    "^matched on calibrated difficulty b (content/stats/)" "$work/audit.out"
"$tiku" bank --content "$work/content" --level 3 --format json > "$work/bank2.json"
check "the bank JSON carries the statistics" jq -e \
    '[.items[] | select(.stats)] | length >= 200' "$work/bank2.json"
"$tiku" lint --coverage --content "$work/content" > "$work/coverage.out" 2>&1
check "lint --coverage lists each item's statistics, flagged ones marked" sh -c \
    "grep -q \"^Item statistics from content/stats/ (\$(jq '.items | length' \
    '$work/content/stats/scored.json') items\" '$work/coverage.out' &&
    test \$(grep -c '  ! ' '$work/coverage.out') -ge 3"
id=$(jq -r '.items[] | select(.flags == "") | .id' \
    "$work/content/stats/scored.json" | head -1)
file=$(jq -r --arg id "$id" '.items[] | select(.id == $id) | .file' \
    "$work/content/stats/scored.json")
line=$(jq -r --arg id "$id" '.items[] | select(.id == $id) | .line' \
    "$work/content/stats/scored.json")
awk -v l="$line" 'NR > l && !done && /^[^#-]/ && length > 4 { $0 = $0 "（改）";
    done = 1 } { print }' "$file" > "$work/content/${file#content/}"
"$tiku" bank --content "$work/content" --level 3 --format json > "$work/bank3.json"
check "an edited item drops its old statistics" jq -e --arg id "$id" \
    '.items[] | select(.id == $id) | has("stats") | not' "$work/bank3.json"
echo "analyse: $pass passed, $fail failed"
[ "$fail" = 0 ]
