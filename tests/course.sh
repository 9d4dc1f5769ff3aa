#!/bin/sh
# tiku course. Bad input: each tests/course/NAME/ holds args (the options),
# optionally content/ files laid over tests/fixtures/other, and expected,
# the exact output and exit status; nothing may be written. Then the
# outputs: the .ics read by Debian's python3-icalendar (one event per
# session, on the teaching days only), the JSON's sums on every level of
# both occupations, settings overrides, and byte-identical reruns.
# With --update, rewrites every expected file from the current output.
top=$(cd "$(dirname "$0")/.." && pwd)
tiku="${TIKU:-$top/gen/tiku}"
py="${PYTHON3:-/usr/bin/python3}"
work="$top/tests/build/course"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL course: $*"; }

rm -rf "$work" && mkdir -p "$work"
for fx in "$top"/tests/course/*/; do
	name=$(basename "$fx")
	case $name in ok-*) continue ;; esac    # valid input: checked below
	dir="$work/$name"
	mkdir -p "$dir"
	cp -R "$top/tests/fixtures/other" "$dir/content"
	[ -d "$fx/content" ] && cp -R "$fx/content/." "$dir/content/"
	args=$(cat "$fx/args")
	# shellcheck disable=SC2086 # args is a list of options
	(cd "$dir" && "$tiku" course --content content --lua "$top/lua" \
	    --templates "$top/templates" $args \
	    --out out > log 2>&1; echo "exit $?" >> log)
	[ "${1:-}" = --update ] && cp "$dir/log" "$fx/expected"
	if ! cmp -s "$dir/log" "$fx/expected"; then
		bad "$name:"
		diff "$fx/expected" "$dir/log" | sed 's/^/    /'
	elif [ -e "$dir/out" ]; then
		bad "$name: wrote $dir/out"
	else
		ok
	fi
done

# The calendar, read back by a real iCalendar library.
out="$work/l5"
"$tiku" course --level 5 --start 2026-03-02 --days mon,wed,fri \
    --skip 2026-03-04,2026-04-06 --session-hours 3 --out "$out" 2>&1
if "$py" - "$out/course-L5.ics" "$out/course-L5.json" <<'PY'
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
course = json.load(open(sys.argv[2]))
events = cal.walk("VEVENT")
assert len(events) == len(course["sessions"]), (len(events), len(course["sessions"]))
assert len({str(e["UID"]) for e in events}) == len(events)
for e, s in zip(events, course["sessions"]):
    start, end = e["DTSTART"].dt, e["DTEND"].dt
    assert start.weekday() in (0, 2, 4), start
    assert str(start.date()) == s["date"] not in ("2026-03-04", "2026-04-06")
    assert (end - start).seconds == 3600 * s["hours"] and s["hours"] <= 3
    assert str(e["SUMMARY"]).startswith("第%d次" % s["no"])
PY
then ok; else bad "the .ics does not match the sessions"; fi

# The sums on every level of both occupations, from the JSON alone.
for content in "$top/content" "$top/tests/fixtures/other"; do
	for l in 5 4 3 2 1; do
		j=$("$tiku" course --content "$content" --lua "$top/lua" --level $l \
		    --format json 2>/dev/null) || continue
		if echo "$j" | jq -e '
		    ([.units[].theory_hours] | add) == .syllabus.theory_hours and
		    ([.units[].practice_hours] | add) == .syllabus.practice_hours and
		    ([.sessions[].hours] | add) == .syllabus.training_hours and
		    all(.syllabus.modules[]; . as $m |
		        [$j_units[] | select(.module == $m.area) | .theory_hours]
		        | add == $m.theory_hours)' --argjson j_units \
		    "$(echo "$j" | jq -c .units)" > /dev/null
		then ok; else bad "$content level $l: hours do not add up"; fi
	done
done

# An override: the unit keeps its hours, the others share the rest.
dir="$work/ok-override"
mkdir -p "$dir" && cp -R "$top/tests/fixtures/other" "$dir/content"
cp "$top/tests/course/ok-override/content/settings.md" "$dir/content/"
if "$tiku" course --content "$dir/content" --lua "$top/lua" --level 5 \
    --format json | jq -e '[.units[] | select(.module == "基础知识") |
    [.id, .theory_hours, .practice_hours, .hours_from]] ==
    [["B-2.2.1", 3, 0, "settings"], ["B-2.2.2", 4, 0, "syllabus"]] and
    ([.units[] | select(.id == "B-2.2.1" or .id == "L5-W1.1") | .method] ==
    ["讲授、讨论", "案例、实操"])' \
    > /dev/null
then ok; else bad "ok-override: B-2.2.1 does not keep 3+0"; fi

# Importance marks (X/Y/Z): in the JSON, and as a column with its legend
# in the 考核规范 of every format; a level without marks has no column.
dir="$work/ok-importance"
mkdir -p "$dir" && cp -R "$top/tests/fixtures/other" "$dir/content"
cp "$top/tests/course/ok-importance/content/settings.md" "$dir/content/"
"$tiku" course --content "$dir/content" --lua "$top/lua" --level 5 \
    --templates "$top/templates" --format json,html,docx,pdf --out "$dir/out" 2>&1
if jq -e '([.units[].knowledge_points[] | [.id, .importance]] |
    map(select(.[0] | startswith("L5-")))) ==
    [["L5-K1.1.1", "X"], ["L5-K1.1.2", "Y"], ["L5-K2.1.1", "Z"]] and
    ([.units[].knowledge_points[] | select(.id | startswith("B-")) |
    .importance] | all(. == null))' "$dir/out/course-L5.json" > /dev/null &&
    grep -q '<th>重要程度</th>' "$dir/out/course-L5.html" &&
    unzip -p "$dir/out/course-L5.docx" word/document.xml |
        grep -q '重要程度：X 核心要素，Y 一般要素，Z 辅助要素。' &&
    pdftotext "$dir/out/course-L5.pdf" - | tr -d ' \n' |
        grep -q 'L5-K1.1.1货物验收方法X' &&
    ! grep -q '重要程度' "$out/course-L5.html"
then ok; else bad "ok-importance: the X/Y/Z marks"; fi

# A broken steps template: its line named, nothing written.
mkdir -p "$work/steps" && cp -R "$top/templates" "$work/steps/templates"
printf 'theory|50|导入|x\ntheory|abc|讲授|y\npractice|100|实操|z\n' \
    > "$work/steps/templates/lesson-steps.txt"
(cd "$work/steps" && "$tiku" course --level 5 --templates templates \
    --lua "$top/lua" --content "$top/content" --out out > log 2>&1)
if [ $? = 1 ] && [ ! -e "$work/steps/out" ] && grep -q \
    "^templates/lesson-steps.txt:2: expected 'theory|PERCENT|STEP|WHAT'" \
    "$work/steps/log"
then ok; else bad "a broken lesson-steps.txt"; cat "$work/steps/log"; fi

# The Word files: both written, their text holds the first session's
# objective and quiz key (the schemas are checked by tests/schemas.sh).
if unzip -p "$out/lessons-L5.docx" word/document.xml | grep -q '教学目标' &&
    unzip -p "$out/lessons-L5.docx" word/document.xml | grep -q 'B-2.1.1 职业道德基本知识' &&
    unzip -p "$out/course-L5.docx" word/document.xml | grep -q '教学进度表'
then ok; else bad "the Word files lack their parts"; fi
# The Excel schedule: a row per session below the header.
rows=$(unzip -p "$out/schedule-L5.xlsx" xl/worksheets/sheet1.xml |
    grep -o '<row ' | wc -l)
if [ "$rows" = $(($(jq '.sessions | length' "$out/course-L5.json") + 1)) ]
then ok; else bad "schedule-L5.xlsx has $rows rows"; fi

# The PDFs, typeset like the exam kit: every font embedded, a lesson plan
# starts each page run (at least a page per session).
pdf="$work/pdf"
"$tiku" course --level 5 --start 2026-03-02 --format pdf --out "$pdf" 2>&1
sessions=$(jq '.sessions | length' "$out/course-L5.json")
if [ "$(pdffonts "$pdf/lessons-L5.pdf" "$pdf/course-L5.pdf" 2>/dev/null |
        awk 'NR > 2 && $1 != "name" && $1 !~ /^-/ && $(NF-4) != "yes"' | wc -l)" = 0 ] &&
    [ "$(pdfinfo "$pdf/lessons-L5.pdf" | awk '/^Pages:/ {print $2}')" -ge "$sessions" ] &&
    pdftotext "$pdf/lessons-L5.pdf" - | grep -q '教案（第 1 次课）'
then ok; else bad "the lesson-plan PDF"; fi
# a bookmark per session, to its first page (read back by qpdf)
n=$("$tiku" course --level 5 --start 2026-03-02 --format json | jq '.sessions | length')
if qpdf --json=2 --json-key=outlines "$pdf/lessons-L5.pdf" | jq -e --argjson n "$n" '
    .outlines | length == $n and (.[0].title | startswith("第 1 次课 2026-03-02")) and
    .[0].destpageposfrom1 == 1 and ([.[].destpageposfrom1] | . == sort)' > /dev/null
then ok; else bad "the lesson-plan PDF's bookmarks"; fi

# No quiz item split across pages: its stem and its key on one page
# (pdftotext pages end in a form feed); A4; a rerun gives the same bytes.
"$tiku" course --level 5 --start 2026-03-02 --format json --out "$pdf" 2>&1
"$tiku" bank --level 5 --format json > "$work/bank5.json" 2>/dev/null
if pdftotext "$pdf/lessons-L5.pdf" "$work/lessons.txt" &&
    pdfinfo "$pdf/lessons-L5.pdf" | grep -q 'Page size: *595.276 x 841.89 pts (A4)' &&
    "$py" - "$work/lessons.txt" "$pdf/course-L5.json" "$work/bank5.json" <<'PY'
import json, re, sys
# without white space and hyphens: pdftotext joins an id broken after
# its hyphen at a line's end without it ("L5-" + "F2-030" -> "L5F2-030")
flat = lambda t: re.sub(r"[\s-]+", "", t)
pages = [flat(p) for p in open(sys.argv[1], encoding="utf-8").read().split("\f")]
course = json.load(open(sys.argv[2]))
stems = {i["id"]: flat(i.get("stem", "")) for i in json.load(open(sys.argv[3]))["items"]}
for s in course["sessions"]:
    for q in s["quiz"]:
        key = flat("（%s）" % q)
        on = [n for n, p in enumerate(pages) if key in p]
        assert len(on) >= 1, q
        assert any(stems[q][:12] in pages[n] for n in on), (s["no"], q)
PY
then ok; else bad "a quiz item split across pages of lessons-L5.pdf"; fi
"$tiku" course --level 5 --start 2026-03-02 --format pdf --out "$work/pdf2" 2>&1
if cmp -s "$pdf/lessons-L5.pdf" "$work/pdf2/lessons-L5.pdf" &&
    cmp -s "$pdf/course-L5.pdf" "$work/pdf2/course-L5.pdf"
then ok; else bad "a PDF rerun differs"; fi

# Failed writes: standard output full, a file too large midway. The
# earlier files stay as they were and no staging folder is left.
"$tiku" course --level 5 --format json > /dev/full 2> "$work/full.log"
if [ $? = 2 ] && grep -q 'No space left on device' "$work/full.log"
then ok; else bad "course to a full standard output"; fi
cp "$out/course-L5.json" "$work/json.before"
(trap '' XFSZ; ulimit -f 30; exec "$tiku" course --level 5 --start 2026-01-05 \
    --out "$out") > "$work/efbig.log" 2>&1
if [ $? = 2 ] && cmp -s "$work/json.before" "$out/course-L5.json" &&
    ! ls -a "$out" | grep -q '^\.tiku-stage'
then ok; else bad "a course write that fails midway"; fi

# --level all: the content loaded once, every level's files those of a
# run per level; its JSON cannot go to standard output.
"$tiku" course --level all --start 2026-03-02 --out "$work/all" 2>&1
for l in 5 4 3 2 1; do
	"$tiku" course --level $l --start 2026-03-02 --out "$work/each" 2>&1
done
if diff -r "$work/all" "$work/each" > /dev/null; then ok
else bad "--level all differs from a run per level"; fi
"$tiku" course --level all --format json > "$work/all.log" 2>&1
if [ $? = 2 ] && [ "$(cat "$work/all.log")" = "tiku course: --level all writes a JSON file per level: give --out DIR" ]
then ok; else bad "--level all --format json to standard output"; fi

# Same content and options: the same bytes.
"$tiku" course --level 5 --start 2026-03-02 --days mon,wed,fri \
    --skip 2026-03-04,2026-04-06 --session-hours 3 --out "$work/again" 2>&1
if diff -r "$out" "$work/again" > /dev/null; then ok
else bad "a rerun differs"; fi

echo "course: $pass passed, $fail failed"
[ "$fail" = 0 ]
