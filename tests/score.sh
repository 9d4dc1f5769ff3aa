#!/bin/sh
# tiku score: each kind of malformed response sheet under tests/score/NAME/
# (responses.csv or .xlsx; "manifest" says skill for a skill paper; "args"
# adds options) gives exactly NAME/expected and exit 1 with nothing
# written; then good sheets in every layout score as they must.
# With --update, rewrites every expected file from the current output.
top=$(cd "$(dirname "$0")/.." && pwd)
tiku="${TIKU:-$top/gen/tiku}"
work="$top/tests/build/score"
rm -rf "$work" && mkdir -p "$work"
. "$top/tests/lib.sh"
cd "$top" || exit 2

"$tiku" paper --level 5 --kind theory --forms 2 --seed 7 --format json \
    --out "$work/theory" 2>/dev/null
"$tiku" paper --level 5 --kind skill --seed 1 --format json \
    --out "$work/skill" 2>/dev/null
theory="$work/theory/manifest-L5-theory.json"
skill="$work/skill/manifest-L5-skill.json"
"$tiku" bank --level 5 --format json > "$work/bank.json"

for fx in tests/score/*/; do
	name=$(basename "$fx")
	man=$theory
	[ -f "$fx/manifest" ] && man=$skill
	resp=$(ls "$fx"responses.* | head -1)
	# a previous run's output (marked as tiku's), which must stay as it was
	mkdir -p "$work/$name/out" && echo keep > "$work/$name/out/old" &&
	    : > "$work/$name/out/.tiku-output"
	# shellcheck disable=SC2046
	(cd "$fx" && "$tiku" score "$man" "$(basename "$resp")" --out \
	    "$work/$name/out" --content "$top/content" --lua "$top/lua" \
	    $(cat args 2>/dev/null) > "$work/$name/got" 2>&1
	    echo "exit $?" >> "$work/$name/got")
	sed "s|$work|WORK|g" "$work/$name/got" > "$work/$name/got.clean"
	[ "${1:-}" = --update ] && cp "$work/$name/got.clean" "$fx/expected"
	if cmp -s "$work/$name/got.clean" "$fx/expected" &&
	    [ "$(ls "$work/$name/out")" = old ]; then ok; else
		bad "score/$name"
		diff "$fx/expected" "$work/$name/got.clean" | sed 's/^/    /'
	fi
done

# A good sheet: each candidate's answers made from the key through the
# form's option order (jq), so a right scoring gives exactly these totals.
jq -r --slurpfile bank "$work/bank.json" '
  ($bank[0].items | map({(.id): .}) | add) as $b
  | def shown($it): ($b[$it.id]) as $bi
      | if $it.type == "judge" then (if $bi.answer then "T" else "F" end)
        else ($it.options_order // "ABCDE"[:($bi.options|length)]) as $o
          | [$bi.answer | split("")[] | . as $l | $o | index($l)]
          | sort | map([65 + .] | implode) | join("") end;
  def wrong($it): if $it.type == "judge" then
      (if $b[$it.id].answer then "F" else "T" end) else "" end;
  "candidate,name,centre,form," + ([range(1; 86)] | map(tostring) | join(",")),
  (.forms[] as $f | range(0; 4) as $c
   | ["\($f.code)\($c)", "考生\($c)", "考点\($c % 2 + 1)", $f.code]
     + [$f.items | to_entries[] | if .key < $c * 30 then wrong(.value)
        else shown(.value) end] | join(","))' "$theory" > "$work/good.csv"
check "a good sheet scores" "$tiku" score "$theory" "$work/good.csv" \
    --out "$work/good"
check "totals are the key's: 100, then fewer as answers go wrong" test \
    "$(cut -d, -f1,5 "$work/good/scores.csv" | tr '\n' ' ')" = \
    "candidate,total A0,100 A1,$(jq '100 - ([.forms[0].items[:30][].points] | add)' "$theory") A2,$(jq '100 - ([.forms[0].items[:60][].points] | add)' "$theory") A3,$(jq '100 - ([.forms[0].items[:85][].points] | add) + ([.forms[0].items[90:][]?.points] | add // 0)' "$theory") B0,100 B1,$(jq '100 - ([.forms[1].items[:30][].points] | add)' "$theory") B2,$(jq '100 - ([.forms[1].items[:60][].points] | add)' "$theory") B3,0 "
check "points per area add up to the total" awk -F, 'NR > 1 {
    s = 0; for (i = 6; i <= NF - 4; i++) s += $i; if (s != $5) exit 1 }' \
    "$work/good/scores.csv"
check "pass or fail at 60" awk -F, 'NR > 1 && (($5 >= 60) != ($NF == "合格")) {
    exit 1 }' "$work/good/scores.csv"
check "one report per centre" test -f "$work/good/report-考点1.html" -a \
    -f "$work/good/report-考点2.html"
check "the centre reports are valid HTML" xmllint --html --noout \
    "$work/good/report-考点1.html"
check "the 成绩单 workbook holds every candidate" sh -c "unzip -p \
    '$work/good/scores.xlsx' xl/worksheets/sheet1.xml | grep -o '<row ' |
    wc -l | grep -qx 9"
check "the 成绩单 has a frozen header and shared strings" sh -c "unzip -p \
    '$work/good/scores.xlsx' xl/worksheets/sheet1.xml | grep -q 'state=\"frozen\"' &&
    unzip -p '$work/good/scores.xlsx' xl/sharedStrings.xml | grep -q 准考证号"
"$tiku" score "$theory" "$work/good.csv" --out "$work/good2" 2>/dev/null
check "scoring twice gives the same bytes" diff -r "$work/good" "$work/good2"

# The same answers as one answer string per candidate.
awk -F, 'NR == 1 { print "candidate,name,centre,form,answers"; next }
    { s = ""; for (i = 5; i <= NF; i++) { a = $i
      if (a == "") a = "-"; else if (length(a) > 1) a = "(" a ")"; s = s a }
      print $1 "," $2 "," $3 "," $4 "," s }' \
    "$work/good.csv" > "$work/string.csv"
"$tiku" score "$theory" "$work/string.csv" --out "$work/string" 2>/dev/null
check "an answer string scores as the columns do" cmp "$work/good/scores.csv" \
    "$work/string/scores.csv"

# The same sheet saved as xlsx by LibreOffice.
(cd "$work" && soffice --headless --infilter=CSV:44,34,76 --convert-to xlsx good.csv > /dev/null 2>&1)
"$tiku" score "$theory" "$work/good.xlsx" --out "$work/fromxlsx" 2>/dev/null
check "an xlsx sheet scores as its CSV does" cmp "$work/good/scores.csv" \
    "$work/fromxlsx/scores.csv"
# libxml2 is loaded to read a workbook: without it, what to do instead
LD_PRELOAD="$top/tests/build/hidelib.so" HIDE_LIB=libxml2 "$tiku" score "$theory" \
    "$work/good.xlsx" --out "$work/noxml" > "$work/noxml.out" 2>&1
check "an xlsx sheet without libxml2: exit 1" test $? = 1
check "an xlsx sheet without libxml2: nothing written" test ! -e "$work/noxml"
check "an xlsx sheet without libxml2: what to install" test "$(head -1 "$work/noxml.out")" = \
"$work/good.xlsx: cannot read xlsx workbooks: libxml2.so.2: cannot open shared object file: No such file or directory; install Debian's libxml2 (make does), or save the sheet as CSV"

# Moodle's responses report of form A: options by their text.
jq -r --slurpfile bank "$work/bank.json" '
  ($bank[0].items | map({(.id): .}) | add) as $b
  | "\"Surname\",\"First name\",\"ID number\",\"State\"," +
    ([range(1; 86)] | map("\"Response \(.)\"") | join(",")),
  ("\"Li\",\"Lei\",\"A0\",\"Finished\"," + ([.forms[0].items[] | $b[.id] as $bi
    | if .type == "judge" then (if $bi.answer then "True" else "False" end)
      else [$bi.answer | split("")[] | (explode[0] - 65) as $k | $bi.options[$k]]
        | join("; ") end | "\"" + gsub("\""; "\"\"") + "\""] | join(",")))' \
    "$theory" > "$work/moodle.csv"
check "a Moodle responses report scores" "$tiku" score "$theory" \
    "$work/moodle.csv" --form A --out "$work/moodle"
check "the Moodle candidate who chose every key has 100" test \
    "$(cut -d, -f1,5 "$work/moodle/scores.csv" | tail -1)" = "A0,100"

# Two examiners' sheets of a skill paper: their mean, their disagreement.
jq -r '.forms[0].items | "candidate,centre,form,examiner," +
  ([to_entries[] | .key as $t | range(1; 3) | "\($t + 1).\(.)"] | join(","))' \
  "$skill" > "$work/marks.csv"
n=$(($(head -1 "$work/marks.csv" | tr ',' '\n' | wc -l) - 4))
{ echo "1,考点1,A,王,$(yes 0 | head -$n | paste -sd,)"
  echo "1,考点1,A,李,$(yes 2 | head -$n | paste -sd,)"; } >> "$work/marks.csv"
check "examiners' sheets score" "$tiku" score "$skill" "$work/marks.csv" \
    --threshold 1 --out "$work/marks"
check "a task's points are the examiners' mean" test \
    "$(cut -d, -f5 "$work/marks/scores.csv" | tail -1)" = "$n"
check "tasks whose examiners differ by more than the threshold are listed" \
    test "$(($(wc -l < "$work/marks/disagreements.csv") - 1))" = $((n / 2))

echo "score: $pass passed, $fail failed"
[ "$fail" = 0 ]
