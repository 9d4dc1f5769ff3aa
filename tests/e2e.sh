#!/bin/sh
# End-to-end tests of the tiku binary on the default content and on the
# small second standard. Prints "N passed, N failed"; exits 1 on failure.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tiku="$top/gen/tiku"
work="$top/tests/build/e2e"
source_txt="$top/../shared/standard/digital-twin-technician-2024.txt"
rm -rf "$work" && mkdir -p "$work"
. "$top/tests/lib.sh"

# --- lint ---
check "lint fixtures" sh tests/lint.sh
check "score: malformed sheets, every layout, outputs" sh tests/score.sh
check "analyse: a simulated sitting recovered, side by side with R" sh tests/analyse.sh
check "PDF papers and keys" sh tests/pdf.sh
check "course: bad input, the .ics read back, sums, reruns" sh tests/course.sh
check "default content lints clean" "$tiku" lint --content content
check "second standard lints clean" "$tiku" lint --content tests/fixtures/other
# The item-flaw report on the default bank, kept in tests/build/: the
# revised bank passes (no finding that is not waived with a reason), the
# report ends with its total, and is the same twice.
report="$top/tests/build/quality-report.txt"
"$tiku" lint --quality --content content > "$report" 2> "$work/quality.err"
check "lint --quality passes on the default content" test $? -eq 0
check "the quality report ends with its total" sh -c "tail -1 '$report' |
    grep -Eq '^quality: [0-9]+ items, [0-9]+ findings, [0-9]+ waived$'"
"$tiku" lint --quality --content content > "$work/quality2.txt" 2> /dev/null
check "the quality report is the same twice" cmp -s "$report" "$work/quality2.txt"
# A review question's 要点 line that joins parts with no split rule is
# found like a skill rubric's (the default content's review questions
# are the only ones: the small second standard has no 综合评审).
cp -R content "$work/review-split"
cat >> "$work/review-split/items/L2-review.md" <<'EOF_ITEM'

## L2-R-999

- 职业功能：L2-F1
- 知识点：L2-K1.1.1
- 题型：综合评审
- 难度：4
- 分值：10

请结合你做过的一次需求调研，说明调研对象是如何选定的。

要点：

- 6分：说明调研对象的选定依据、样本量、抽样方法。
- 4分：举出本人项目中的实例（4分）。
EOF_ITEM
"$tiku" lint --quality --content "$work/review-split" > "$work/review-split.out" 2>&1
check "a review 要点 line with parts and no split rule: rubric-split" grep -qx \
    "$work/review-split/items/L2-review.md:[0-9]*: rubric-split: 6 points for 3 parts with no split rule; give each part its points or say what to deduct" \
    "$work/review-split.out"
"$tiku" lint --quality --coverage --content content > "$work/both.txt" 2> /dev/null
check "lint --quality --coverage gives both reports" sh -c \
    "grep -q '^OK: 0 minimums not met' '$work/both.txt' && tail -1 '$work/both.txt' | grep -q '^quality: '"

# --- dump: the standard word for word ---
"$tiku" dump --json --content content > "$work/dump.json" || bad "dump"
check "dump has 5 levels in order 5..1" test \
    "$(jq -c '[.levels[].level]' "$work/dump.json")" = "[5,4,3,2,1]"
check "dump has 134 skills and 141 knowledge items" test \
    "$(jq -c '[([.levels[].functions[].work_contents[].skills[]] | length),
       ([.levels[].functions[].work_contents[].knowledge[]] | length)]' \
       "$work/dump.json")" = "[134,141]"
check "dump names the occupation" test \
    "$(jq -r '.code + " " + .name + " " + (.levels[0].training_hours|tostring)' \
       "$work/dump.json")" = "4-04-05-10 数字孪生应用技术员 160"
check "theory weights as printed" test "$(jq -c .theory_weights "$work/dump.json")" = \
'{"5":{"职业道德":5,"基础知识":30,"平台运维":20,"应用测试":15,"应用操作":30},"4":{"职业道德":5,"基础知识":20,"平台运维":25,"应用测试":20,"应用操作":30},"3":{"职业道德":5,"基础知识":15,"平台运维":20,"应用开发":15,"应用测试":25,"应用操作":20},"2":{"职业道德":5,"基础知识":10,"应用方案规划":20,"应用开发":15,"应用测试":15,"应用操作":15,"技术管理":10,"培训指导":10},"1":{"职业道德":5,"基础知识":5,"应用方案规划":30,"应用开发":20,"技术管理":20,"培训指导":20}}'
check "skill weights as printed" test "$(jq -c .skill_weights "$work/dump.json")" = \
'{"5":{"平台运维":40,"应用测试":15,"应用操作":45},"4":{"平台运维":30,"应用测试":25,"应用操作":45},"3":{"平台运维":20,"应用开发":20,"应用测试":30,"应用操作":30},"2":{"应用方案规划":20,"应用开发":25,"应用测试":15,"应用操作":20,"技术管理":10,"培训指导":10},"1":{"应用方案规划":30,"应用开发":25,"技术管理":25,"培训指导":20}}'
check "misprint 2.2.4 stored as L4-K3.2.4 with its note" test \
    "$(jq -r '.levels[] | select(.level==4) | .functions[2].work_contents[1].knowledge[3] | .uid + " " + .text + " " + (.notes|length|tostring)' \
       "$work/dump.json")" = "L4-K3.2.4 记录报告撰写方法 1"

# Every skill and knowledge text occurs in the printed standard: compare
# with all whitespace removed and full-width punctuation mapped back to
# the ASCII the PDF extraction shows.
if [ -f "$source_txt" ]; then
	tr -d ' \n\t\r' < "$source_txt" | sed 's/　//g' > "$work/source.flat"
	jq -r '.levels[].functions[].work_contents[] | (.skills[], .knowledge[]) |
	       select(.uid != "L4-K3.2.4") | .text' "$work/dump.json" |
	    sed 's/，/,/g; s/；/;/g; s/：/:/g; s/（/(/g; s/）/)/g' > "$work/texts"
	missing=0
	while IFS= read -r t; do
		grep -qF -- "$t" "$work/source.flat" || {
			missing=$((missing + 1)); echo "    not in the source: $t"; }
	done < "$work/texts"
	check "all $(wc -l < "$work/texts") item texts occur in the source" test "$missing" = 0
else
	echo "note: $source_txt not found; skipping the word-for-word check"
fi

# --- import: the published text into a content folder ---
check "import fixtures: another occupation's text, each kind of unclear input" sh tests/import.sh
if [ -f "$source_txt" ]; then
	"$tiku" import "$source_txt" --out "$work/imported" > "$work/import.out" 2>&1 || bad "import the shipped text"
	"$tiku" dump --json --content "$work/imported" > "$work/imported.json" || bad "dump the import"
	check "the imported standard dumps as the shipped content, word for word (notes aside)" test \
	    "$(jq -S 'del(..|.notes?)' "$work/dump.json")" = "$(jq -S 'del(..|.notes?)' "$work/imported.json")"
	check "its notes are the shipped ones on the 'S' mark and the misprinted 2.2.4; the other five are editorial" test \
	    "$(jq -c '[.. | .notes? // empty] | flatten' "$work/imported.json")" = \
	    "$(jq -c '[.. | .notes? // empty] | flatten | map(select(startswith("勘误") or contains("数字职业标识")))' "$work/dump.json")"
	check "the one place listed for a person is that misprint" test "$(cat "$work/import.out")" = \
"$source_txt:776: knowledge item 2.2.4 is printed under work content 3.2; stored as 3.2.4 with a note: check it
tiku import: wrote $work/imported; 1 place to settle by hand (above)"
	check "the imported content lints clean" "$tiku" lint --content "$work/imported"
fi
pango-view --font="Noto Sans CJK SC 9" --width=1200 -q -o "$work/warehouse.pdf" tests/import/warehouse/standard.txt 2>/dev/null || bad "typeset the fixture as a PDF"
"$tiku" import "$work/warehouse.pdf" --out "$work/warehouse-pdf" > "$work/warehouse-pdf.out" 2>&1 || bad "import the PDF"
check "a PDF typeset from the fixture imports through poppler to the same Markdown" \
    diff -r tests/import/warehouse/expected "$work/warehouse-pdf"
# poppler and the typesetting stack are loaded when needed: on a machine
# without them (hidden from dlopen here) the command says what to install
# and writes nothing
hide="$top/tests/build/hidelib.so"
LD_PRELOAD="$hide" HIDE_LIB=libpoppler "$tiku" import "$work/warehouse.pdf" \
    --out "$work/nopoppler" > "$work/nopoppler.out" 2>&1
check "import of a PDF without poppler: exit 1" test $? = 1
check "import of a PDF without poppler: what to install" test "$(cat "$work/nopoppler.out")" = \
"$work/warehouse.pdf: cannot read PDFs: libpoppler-glib.so.8: cannot open shared object file: No such file or directory; install Debian's libpoppler-glib8 (make does), or give the text: pdftotext -layout FILE.pdf FILE.txt
tiku: 1 problem found; nothing was written"
check "import of a PDF without poppler writes nothing" test ! -e "$work/nopoppler"
"$tiku" paper --level 5 --kind theory --forms 1 --format pdf --out "$work/nopango" 2> /dev/null ||
    bad "paper --format pdf"
cp -R "$work/nopango" "$work/nopango.before"
LD_PRELOAD="$hide" HIDE_LIB=libpangocairo "$tiku" paper --level 5 --kind theory \
    --forms 1 --seed 2 --format pdf --out "$work/nopango" > "$work/nopango.out" 2>&1
check "PDF without Pango: exit 2" test $? = 2
check "PDF without Pango: what to install" test "$(sed 1d "$work/nopango.out")" = \
"tiku: cannot typeset PDFs: libpangocairo-1.0.so.0: cannot open shared object file: No such file or directory; install Debian's libpangocairo-1.0-0 and fonts-noto-cjk (make does)"
check "PDF without Pango: the previous papers left as they were" diff -r "$work/nopango.before" "$work/nopango"
LD_PRELOAD="$hide" HIDE_LIB=libharfbuzz-subset "$tiku" paper --level 5 --kind theory \
    --forms 1 --seed 2 --format pdf --out "$work/nopango" > "$work/nosubset.out" 2>&1
check "PDF without HarfBuzz's subsetter: exit 2" test $? = 2
check "PDF without HarfBuzz's subsetter: what to install" test "$(sed 1d "$work/nosubset.out")" = \
"tiku: cannot typeset PDFs: libharfbuzz-subset.so.0: cannot open shared object file: No such file or directory; install Debian's libharfbuzz-subset0 (make does)"
check "PDF without HarfBuzz's subsetter: the previous papers left as they were" diff -r "$work/nopango.before" "$work/nopango"
LD_PRELOAD="$hide" HIDE_LIB=libpangocairo "$tiku" paper --level 5 --kind theory \
    --forms 1 --format json --out "$work/nopango-json" > /dev/null 2>&1
check "without Pango, commands that typeset nothing work" test -s "$work/nopango-json/manifest-L5-theory.json"
"$tiku" import tests/import/warehouse/standard.txt > "$work/import-here.out" 2>&1 && bad "import over ./content"
check "import will not replace ./content unasked" grep -q "^tiku import: ./content exists; name the folder to write with --out DIR$" "$work/import-here.out"

# --- a new occupation: init, todo stubs, and one built from import alone ---
"$tiku" init "$work/newjob" > /dev/null 2>&1 || bad "init"
check "init writes a folder that lints clean" "$tiku" lint --content "$work/newjob"
"$tiku" init "$work/newjob" > "$work/init-again.out" 2>&1
check "init will not write over a folder" test $? = 2
"$tiku" lint --content "$work/newjob" --coverage --todo > /dev/null 2> "$work/todo.out"
check "--todo writes one stub per knowledge point short of its minimum" test \
    "$(LC_ALL=C ls "$work/newjob/todo" | tr '\n' ' ')" = "B-2.1.1.1.md B-2.2.1.1.md L5-K1.1.1.md "
check "a stub holds the missing items, blank, with their headers" test \
    "$(grep -c '^- 知识点：L5-K1.1.1$' "$work/newjob/todo/L5-K1.1.1.md")" = 4
cp "$work/newjob/todo/L5-K1.1.1.md" "$work/newjob/items/"
"$tiku" lint --content "$work/newjob" > "$work/stub-lint.out" 2>&1
check "an unfilled stub does not pass lint" test $? = 1
"$tiku" import tests/import/warehouse/standard.txt --out "$work/wh" > /dev/null 2>&1 || bad "import warehouse"
"$tiku" lint --content "$work/wh" --coverage --todo > /dev/null 2>&1
for f in "$work"/wh/todo/*.md; do
	sed -e 's/^（题干）（　）。$/下列做法中符合要求的是（　）。/' -e 's/^A\. $/A. 按规程作业/' \
	    -e 's/^B\. $/B. 凭经验作业/' -e 's/^C\. $/C. 省略记录/' -e 's/^D\. $/D. 跳过复核/' \
	    -e 's/^答案：$/答案：A/' -e 's/^解析：$/解析：作业应按规程进行并留下记录，其余做法均不符合要求。/' \
	    "$f" > "$work/wh/items/$(basename "$f")"
done
rm -r "$work/wh/todo"
check "a second occupation from import and filled stubs lints clean" "$tiku" lint --content "$work/wh"
check "and builds its site" "$tiku" build --content "$work/wh" --out "$work/wh-site"
check "in which nothing names the default occupation" sh -c \
    "! grep -rl '数字孪生\|4-04-05-10' '$work/wh-site' && grep -q '智能仓储作业员' '$work/wh-site/index.html'"

# --- the second standard ---
"$tiku" dump --json --content tests/fixtures/other > "$work/other.json" || bad "dump other"
check "second standard: 3 levels with their functions" test \
    "$(jq -c '[.levels[] | [.level, .training_hours, [.functions[].name]]]' "$work/other.json")" = \
    '[[5,100,["入库作业","出库作业"]],[4,90,["入库作业","库存管理","出库作业"]],[3,70,["库存管理","设备维护"]]]'
check "second standard builds" "$tiku" build --content tests/fixtures/other --out "$work/other-site"

# --- build: deterministic, atomic ---
"$tiku" build --content content --out "$work/site1" > /dev/null 2>&1 || bad "build 1"
"$tiku" build --content content --out "$work/site2" > /dev/null 2>&1 || bad "build 2"
check "two builds are byte-identical" diff -r "$work/site1" "$work/site2"
"$tiku" build --content content --out "$work/site1" > /dev/null 2>&1 || bad "rebuild over a site"
check "rebuild over an existing site leaves no temporary directory" \
    test -z "$(ls -d "$work"/site1.tmp-* 2>/dev/null)"
cp -R content "$work/broken" && sed -i 's/| 合计 | 100 | 100 | 100 | 100 | 100 |/| 合计 | 100 | 100 | 100 | 100 | 99 |/' \
    "$work/broken/standard/4-weights.md"
cp -R "$work/site1" "$work/site1.before"
"$tiku" build --content "$work/broken" --out "$work/site1" > "$work/broken.out" 2>&1
check "a failed build exits 1" test $? = 1
check "a failed build reports file:line" grep -q "4-weights.md:.*合计 of level 1 says 99" "$work/broken.out"
check "a failed build leaves the previous site untouched" diff -r "$work/site1.before" "$work/site1"

# --- validators: every page and every book ---
vnu="$top/tests/node_modules/vnu-jar/build/dist/vnu.jar"
find "$work/site1" -name '*.html' | sort > "$work/pages"
check "all $(wc -l < "$work/pages") pages pass the Nu HTML checker" \
    sh -c "xargs java -jar '$vnu' --also-check-css < '$work/pages'"
find "$work/site1" -name '*.epub' | sort > "$work/books"
epubcheck_one() {
	java -jar /usr/share/java/epubcheck.jar "$1" > "$1.check" 2>&1 &&
	    grep -q "0 fatals / 0 errors / 0 warnings" "$1.check"
}
bad_books=""
for b in $(cat "$work/books"); do
	epubcheck_one "$b" || bad_books="$bad_books $(basename "$b")"
done
check "all $(wc -l < "$work/books") ePubs pass epubcheck with 0 errors, 0 warnings${bad_books:+ (failed:$bad_books)}" \
    test -z "$bad_books"
check "second standard's pages pass the Nu HTML checker" \
    sh -c "find '$work/other-site' -name '*.html' | xargs java -jar '$vnu' --also-check-css"

# --- syllabi ---
for l in 5 4 3 2 1; do
	"$tiku" syllabus --level $l --format json > "$work/plan$l.json" || bad "syllabus json $l"
done
check "every plan's hours add up exactly" sh -c "for l in 5 4 3 2 1; do jq -e '
    (.theory_hours + .practice_hours == .training_hours) and
    ([.modules[].theory_hours] | add) == .theory_hours and
    ([.modules[].practice_hours] | add) == .practice_hours' '$work'/plan\$l.json > /dev/null || exit 1; done"
check "training hours are the standard's" test \
    "$(jq -s -c '[.[].training_hours]' "$work"/plan5.json "$work"/plan4.json "$work"/plan3.json "$work"/plan2.json "$work"/plan1.json)" = "[160,150,120,80,50]"
check "level 4 includes level 5, level 1 includes 5..2" test \
    "$(jq -c .includes_levels "$work/plan4.json")$(jq -c .includes_levels "$work/plan1.json")" = "[5][5,4,3,2]"
check "level 5 modules follow the theory table" test \
    "$(jq -c '[.modules[] | [.area, .theory_hours, .practice_hours]]' "$work/plan5.json")" = \
    '[["职业道德",3,0],["基础知识",14,0],["平台运维",10,45],["应用测试",7,17],["应用操作",14,50]]'
"$tiku" syllabus --level 2 --out "$work/syl" > /dev/null 2>&1 || bad "syllabus --out"
check "syllabus writes html, its css, epub and json" test -f "$work/syl/syllabus-L2.html" -a \
    -f "$work/syl/style.css" -a -f "$work/syl/syllabus-L2.epub" -a -f "$work/syl/syllabus-L2.json"
check "the L1 syllabus marks what it includes from lower levels" \
    grep -q 'class="wc included"' "$work/site1/L1/syllabus.html"
check "the L4 syllabus shows the 2.2.4 correction" grep -q '原标准此条编号印作“2.2.4”' "$work/site1/L4/syllabus.html"

# --- item banks ---
check "the default bank meets every coverage minimum (3 disjoint theory forms per level)" \
    sh -c "'$tiku' lint --coverage > '$work/coverage.txt'"
"$tiku" bank --level 3 --format json > "$work/bank3.json" || bad "bank json"
check "bank JSON items carry every documented key" jq -e '
    .level == 3 and (.items | length) > 300 and
    all(.items[]; has("id") and has("type") and has("area") and has("level") and
        has("work_content") and has("knowledge") and has("difficulty") and
        has("family") and has("stem") and
        (if (.type == "skill" or .type == "review") then has("points")
         else has("options") and has("answer") and (.explanation | length > 0) end))' \
    "$work/bank3.json"
check "the level 3 pool holds level 4 and 5 items of its functions" jq -e \
    '[.items[] | select(.area == "平台运维") | .level] | unique == [3, 4, 5]' "$work/bank3.json"
check "the level 3 pool holds no level 2 items" jq -e \
    '[.items[] | select(.level == 2 or .level == 1)] | length == 0' "$work/bank3.json"
"$tiku" bank --level 5 --out "$work/bank" > /dev/null 2>&1 || bad "bank --out"
check "bank writes html, its css, epub and json" test -f "$work/bank/bank-L5.html" -a \
    -f "$work/bank/style.css" -a -f "$work/bank/bank-L5.epub" -a -f "$work/bank/bank-L5.json"
"$tiku" bank --level 2 --format html,epub,json --out "$work/bank2" > /dev/null 2>&1 || bad "bank --level 2"
# the 评分通则 of content/papers.md (read from the file) with the rubrics:
# once per skill or review section, in the HTML bank and the ePub's key
rules() { awk -v k="$1" '$0 == "```rules " k { on = 1; next } on && /^```/ { on = 0 } on && NF' content/papers.md; }
unzip -p "$work/bank2/bank-L2.epub" '*key-*.xhtml' > "$work/bank2/keys.xhtml"
for kind in skill:操作技能 review:综合评审; do
	rules "${kind%%:*}" > "$work/bank2/rules"
	n=$(grep -c "<h2 id=\"sec-[0-9]*\">${kind#*:}·" "$work/bank2/bank-L2.html")
	check "bank: each of the $(wc -l < "$work/bank2/rules") ${kind%%:*} rules in all $n ${kind#*:} sections (HTML, ePub key)" sh -c "
	    test $n -gt 0 && test -s '$work/bank2/rules' && while IFS= read -r r; do
		test \$(grep -cF \"<li>\$r</li>\" '$work/bank2/bank-L2.html') = $n &&
		test \$(grep -cF \"<li>\$r</li>\" '$work/bank2/keys.xhtml') = $n || exit 1
	    done < '$work/bank2/rules'"
done
check "the bank's ePub: a document per section and per key section, numbered, linked both ways" \
    sh tests/bankbook.sh "$work/bank2/bank-L2.epub" "$work/bank2/bank-L2.json"
check "second standard's bank builds into its site" test -f "$work/other-site/L5/bank.html"
check "its bank is too small for sample papers: a note, not a failure" \
    sh -c "'$tiku' build --content tests/fixtures/other --out '$work/other-site2' 2>&1 | grep -q 'note: no sample theory papers for level 5'"
"$tiku" build --content tests/fixtures/other --out "$work/other-site3" > "$work/other3.out" 2>&1 || bad "build other 3"
check "and too small for mock exams: a note, and the level page says so" sh -c \
    "grep -q '^tiku: note: no mock exams for level 5: ' '$work/other3.out' &&
     grep -q '题库中的题目尚不足以组成模拟卷' '$work/other-site3/L5/index.html'"
cp -R tests/fixtures/other "$work/pass70"
sed -i 's/60分（含）以上为合格/70分（含）以上为合格/; s/^pass_mark: 60/pass_mark: 70/' "$work/pass70/standard/1-overview.md"
"$tiku" build --content "$work/pass70" --out "$work/pass70-site" > /dev/null 2>&1 || bad "build pass70"
check "the mock exam page states the standard's pass mark" \
    grep -q '70 分（含）以上合格' "$work/pass70-site/L5/mock.html"
check "the syllabus gives the exam modes in the standard's words" sh -c \
    "grep -q '<li>理论知识考试以笔试、机考等方式为主，主要考核从业人员从事本职业应掌握的基本要求和相关知识要求。时间不少于 90 min' '$work/site1/L2/syllabus.html' &&
     grep -q '<li>综合评审主要针对二级/技师和一级/高级技师，通常采取审阅申报材料、答辩等方式进行全面评议和审查。时间' '$work/site1/L2/syllabus.html'"
check "and invents none where the standard states none" sh -c \
    "! grep -q '笔试\\|机考\\|现场操作' '$work/other-site/L5/syllabus.html'"
check "generated items: every key recomputed, variants distinct and stable" sh tests/generators.sh
cp -R tests/fixtures/other "$work/facts-other" && mkdir -p "$work/facts-other/generators"
sed 's/"L2-K6.1.1"/"L5-K1.1.1"/' content/generators/standard_facts.lua > "$work/facts-other/generators/standard_facts.lua"
"$tiku" bank --content "$work/facts-other" --level 5 --format json > "$work/facts-other.json" 2>&1 || bad "standard_facts on the second standard"
# (it asks a module's hours of a training plan for the standard's own
# levels, each explained by that standard's own table; no generator asks
# the exam-administration counts)
check "standard_facts on a standard without 综合评审: 20 items, none on a review or the exam staff, citing its own tables" sh -c \
    "jq -e '[.items[] | select(.generated)] | length == 20' '$work/facts-other.json' &&
     ! grep -q '综合评审\\|考评人员\\|监考' '$work/facts-other.json' && grep -q '理论知识权重表中五级/初级工的' '$work/facts-other.json'"

# --- papers ---
audited=0
for m in "$work"/site1/L*/papers/manifest-*.json; do
	"$tiku" audit "$m" > "$work/audit.out" 2>&1 || { bad "audit $m"; cat "$work/audit.out"; }
	audited=$((audited + 1))
done
check "all $audited sample sets in the site pass tiku audit" test "$audited" = 12
check "every level has 3 disjoint theory forms with mean difficulty within 0.1" sh -c \
    "for m in '$work'/site1/L*/papers/manifest-theory.json; do jq -e '
      (.forms | length) == 3 and
      ([.forms[].items[].id] | length) == ([.forms[].items[].id] | unique | length) and
      (([.forms[].difficulty_mean] | max) - ([.forms[].difficulty_mean] | min) <= 0.1) and
      all(.forms[]; (.items | length) == 85 and .points_by_type == {\"judge\":20,\"single\":50,\"multi\":30})' \"\$m\" > /dev/null || exit 1; done"
"$tiku" paper --level 3 --kind theory --forms 2 --seed 5 --format json > "$work/p5a.json" 2>/dev/null
"$tiku" paper --level 3 --kind theory --forms 2 --seed 5 --format json > "$work/p5b.json" 2>/dev/null
"$tiku" paper --level 3 --kind theory --forms 2 --seed 6 --format json > "$work/p6.json" 2>/dev/null
check "the same seed gives byte-identical manifests" cmp "$work/p5a.json" "$work/p5b.json"
check "another seed gives other papers" sh -c "! cmp -s '$work/p5a.json' '$work/p6.json'"
"$tiku" paper --level 3 --kind theory --forms 2 --seed 5 --out "$work/p5dir" > /dev/null 2>&1
"$tiku" paper --level 3 --kind theory --forms 2 --seed 5 --out "$work/p5dir2" > /dev/null 2>&1
check "paper --out writes forms, keys, the set's ePub and the manifest" test \
    -f "$work/p5dir/paper-L3-theory-A.html" -a -f "$work/p5dir/key-L3-theory-B.html" -a \
    -f "$work/p5dir/papers-L3-theory.epub" -a -f "$work/p5dir/manifest-L3-theory.json"
check "two runs write byte-identical files, ePub included" diff -r "$work/p5dir" "$work/p5dir2"
check "the key re-letters answers to the shuffled options" jq -e \
    '[.forms[].items[] | select(.options_order != null and .options_order != "ABCD" and .options_order != "ABCDE")] | length > 100' \
    "$work/p5a.json"
"$tiku" paper --level 1 --kind theory --forms 12 --out "$work/toomany" > "$work/infeasible.out" 2>&1
check "an infeasible request exits 1" test $? = 1
check "and names the area, the items needed and available" \
    grep -q "^level 1, 应用方案规划: 12 forms need [0-9]* 判断题 items ([0-9]* per form), the pool has [0-9]*" "$work/infeasible.out"
check "and writes nothing" test ! -e "$work/toomany"
"$tiku" paper --content tests/fixtures/other --level 5 --kind skill --out "$work/enemies" > "$work/enemies.out" 2>&1
check "a request the enemy rules block names that constraint group" \
    grep -q "^enemy rules: items marked 互斥 cannot all be kept apart (level 5, 1 form)" "$work/enemies.out"
check "and writes nothing" test ! -e "$work/enemies"
"$tiku" paper --level 2 --kind theory --candidates 300 --exposure 0.35 --format json > "$work/cand.json" 2>/dev/null
check "300 per-candidate papers pass audit (exposure)" "$tiku" audit "$work/cand.json"
jq '.forms[0].items[0].id = "NO-SUCH-ITEM" | .forms[1].items[5] = .forms[0].items[7]' \
    "$work/p5a.json" > "$work/tampered.json"
"$tiku" audit "$work/tampered.json" > "$work/tampered.out" 2>&1
check "audit rejects a tampered manifest" test $? = 1
check "audit names the unknown item" grep -q "form A: item NO-SUCH-ITEM is not in the bank" "$work/tampered.out"
check "audit names the shared item" grep -q "shares 1 item with other forms; the draw allowed 0" "$work/tampered.out"
check "audit names the broken weight" grep -q "form A: .* has [0-9]* points, the theory weight table says" "$work/tampered.out"

# a skill set lasts at least what its longest form's tasks take
"$tiku" paper --level 2 --kind skill --forms 2 --format json > "$work/skill2.json" 2>/dev/null
"$tiku" bank --level 2 --format json > "$work/skill2-bank.json" 2>/dev/null
check "a skill set's minutes cover its longest form's task times (and the spec's 120)" sh -c "
    jq -e --slurpfile b '$work/skill2-bank.json' '(\$b[0].items | map({(.id): .minutes}) | add) as \$m |
        .minutes == ([120] + [.forms[] | [.items[].id | \$m[.]] | add] | max)' '$work/skill2.json' > /dev/null"

# --cover-core: a third of level 3's and the basic requirements' knowledge
# points marked X in a copy of the content; the plain draw leaves some off
# a form (audit says which once the manifest asks for them), the covering
# draw puts every one on every form, as parallel forms and per candidate.
cover="$work/cover"
rm -rf "$cover" && cp -R content "$cover"
marks=$(jq -r '[.basic_requirements.areas[].sections[] |
    if (.items | length) == 0 then .id else .items[].uid end] +
    [.levels[] | select(.level == 3) |
    .functions[].work_contents[].knowledge[].uid] | to_entries |
    map(select(.key % 3 == 0) | .value + "=X") | join(", ")' "$work/dump.json")
printf '\n```settings\nimportance: %s\n```\n' "$marks" >> "$cover/settings.md"
check "the X marks lint clean" "$tiku" lint --content "$cover"
"$tiku" paper --content "$cover" --level 3 --kind theory --forms 3 \
    --format json > "$work/plain3.json" 2>/dev/null
jq '.options.cover_core = true' "$work/plain3.json" > "$work/plain3c.json"
"$tiku" audit --content "$cover" "$work/plain3c.json" > "$work/plain3c.out" 2>&1
check "without --cover-core some X point is off some form" sh -c \
    "grep -q '^form [ABC]: no item on X point [BL3K0-9.-]* (--cover-core)' '$work/plain3c.out'"
"$tiku" paper --content "$cover" --level 3 --kind theory --forms 3 \
    --cover-core --format json > "$work/cover3.json" 2>/dev/null
check "--cover-core: 3 forms, every X point on every form (audit)" sh -c \
    "'$tiku' audit --content '$cover' '$work/cover3.json' | grep -q 'every X point on every form'"
"$tiku" paper --content "$cover" --level 3 --kind theory --candidates 1000 \
    --cover-core --format json > "$work/cover1000.json" 2>/dev/null
check "--cover-core: 1000 per-candidate papers, every X point on each (audit)" \
    "$tiku" audit --content "$cover" "$work/cover1000.json"
"$tiku" paper --content "$cover" --level 3 --kind skill --cover-core --out "$work/cs" > "$work/cs.out" 2>&1
rc=$?
check "--cover-core on a skill paper: exit 2, the fix named, nothing written" sh -c \
    "test $rc = 2 && grep -q '^tiku paper: --cover-core applies to theory papers (the X marks are on knowledge points); drop it or use --kind theory$' '$work/cs.out' && test ! -e '$work/cs'"
# an X point without items: the point, the need and the pool named
bare="$work/cover-bare"
rm -rf "$bare" && cp -R content "$bare"
sed -i 's/知识点：L3-K2\.3\.1$/知识点：L3-K2.3.2/' "$bare"/items/L3-*.md
printf '\n```settings\nimportance: L3-K2.3.1=X\n```\n' >> "$bare/settings.md"
"$tiku" paper --content "$bare" --level 3 --kind theory --forms 3 --cover-core --out "$work/cb" > "$work/cb.out" 2>&1
rc=$?
check "--cover-core with an X point no item covers: exit 1, named, nothing written" sh -c \
    "test $rc = 1 && head -1 '$work/cb.out' | grep -qx -- '--cover-core: level 3, X point L3-K2.3.1: 3 forms need 3 items on it, the pool has 0; write items on it or mark it Y in settings.md' && test ! -e '$work/cb'"
"$tiku" paper --level 3 --kind theory --cover-core --out "$work/cn" > "$work/cn.out" 2>&1
rc=$?
check "--cover-core with no X marks: exit 1, the fix named, nothing written" sh -c \
    "test $rc = 1 && grep -q \"^--cover-core: settings.md marks no knowledge point of level 3 or of the basic requirements X; add 'importance: POINT=X, …' or drop --cover-core$\" '$work/cn.out' && test ! -e '$work/cn'"

# --- exports: Moodle XML, QTI 3.0, Excel, Word ---
"$tiku" bank --level 2 --format json > "$work/bank2.json"
"$tiku" export --level 2 --format moodle --out "$work/moodle2.xml" || bad "export moodle"
"$tiku" export --level 2 --format moodle --out "$work/moodle2b.xml"
check "Moodle XML is well-formed" xmllint --noout "$work/moodle2.xml"
check "Moodle XML holds every item of the level's pool" test \
    "$(xmllint --xpath 'count(//question[@type!="category"])' "$work/moodle2.xml")" = \
    "$(jq '.items | length' "$work/bank2.json")"
check "判断题 become truefalse, 选择题 multichoice, tasks and review essays" test \
    "$(xmllint --xpath 'count(//question[@type="truefalse"])' "$work/moodle2.xml") $(xmllint --xpath 'count(//question[@type="essay"])' "$work/moodle2.xml")" = \
    "$(jq '[.items[] | select(.type == "judge")] | length' "$work/bank2.json") $(jq '[.items[] | select(.type == "skill" or .type == "review")] | length' "$work/bank2.json")"
check "a multiple-answer question's keys share 100 % and wrong choices take it back" sh -c \
    "xmllint --xpath '//question[idnumber=\"L2-F1-005\" or single=\"false\"][1]/answer/@fraction' '$work/moodle2.xml' | grep -q 'fraction=\"-100\"'"
check "categories run level ▸ area ▸ work content, a slash doubled" \
    grep -q '数字孪生应用技术员/二级//技师/应用方案规划/1.1 应用需求整理' "$work/moodle2.xml"
check "skill tasks carry their rubric as grader information" test \
    "$(xmllint --xpath 'count(//question[@type="essay"]/graderinfo)' "$work/moodle2.xml")" -gt 0
check "two exports are byte-identical" cmp "$work/moodle2.xml" "$work/moodle2b.xml"
single=$(jq -r '[.items[] | select(.type == "single")][0].id' "$work/bank2.json")
check "Moodle names a question by its stem's first words and keeps the id as idnumber" test \
    "$(xmllint --xpath "string(//question[idnumber='$single']/name/text)" "$work/moodle2.xml")|$(xmllint --xpath \
        'count(//question[@type!="category"][name/text = idnumber])' "$work/moodle2.xml")" = \
    "$(jq -r --arg id "$single" '.items[] | select(.id == $id) | .stem | gsub("[ \n\t]+"; " ") |
        if length > 30 then .[0:30] + "…" else . end' "$work/bank2.json")|0"
"$tiku" export --level 2 --format xlsx --out "$work/bank2.xlsx" || bad "export xlsx"
"$tiku" export --level 2 --format xlsx --out "$work/bank2b.xlsx"
check "two workbooks are byte-identical" cmp "$work/bank2.xlsx" "$work/bank2b.xlsx"
(cd "$work" && HOME="$work" timeout 300 libreoffice --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' bank2.xlsx > /dev/null 2>&1)
check "LibreOffice reads the workbook with the import columns" \
    sh -c "head -1 '$work/bank2.csv' | grep -q '^题型,题干,选项A,选项B,选项C,选项D,选项E,答案,解析,难度,知识点'"
missing=0
jq -r '.items[] | .id, (select(.type != "skill" and .type != "review") | .stem)' "$work/bank2.json" |
    sed 's/"/""/g' > "$work/xlsx-expect"
while IFS= read -r t; do
	grep -qF -- "$t" "$work/bank2.csv" || missing=$((missing + 1))
done < "$work/xlsx-expect"
check "every item's id and stem read back from the workbook" test "$missing" = 0
# sheet 导入模板 through LibreOffice: its header and one row per item, typed
# in the platforms' names
mkdir -p "$work/tmpl" && cp "$work/bank2.xlsx" "$work/tmpl/"
(cd "$work/tmpl" && HOME="$work" timeout 300 libreoffice --headless --convert-to \
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2' \
    bank2.xlsx > /dev/null 2>&1)
check "LibreOffice reads the template sheet: header and one row per item by type" sh -c "
    head -1 '$work/tmpl/bank2-导入模板.csv' | grep -qx '题型,题干,选项A,选项B,选项C,选项D,选项E,答案,解析,难度,知识点,分值' &&
    test \$(grep -c '^判断题,' '$work/tmpl/bank2-导入模板.csv') = \$(jq '[.items[] | select(.type == \"judge\")] | length' '$work/bank2.json') &&
    test \$(grep -c '^单选题,' '$work/tmpl/bank2-导入模板.csv') = \$(jq '[.items[] | select(.type == \"single\")] | length' '$work/bank2.json') &&
    test \$(grep -c '^多选题,' '$work/tmpl/bank2-导入模板.csv') = \$(jq '[.items[] | select(.type == \"multi\")] | length' '$work/bank2.json') &&
    test \$(grep -c '^问答题,' '$work/tmpl/bank2-导入模板.csv') = \$(jq '[.items[] | select(.type == \"skill\" or .type == \"review\")] | length' '$work/bank2.json')"
# one 多选 row read from the workbook's XML: the row that has its id in 题库
mkdir -p "$work/xlsx" && (cd "$work/xlsx" && unzip -q -o ../bank2.xlsx)
sst() { xmllint --xpath "string(//*[local-name()='si'][$(($1 + 1))])" "$work/xlsx/xl/sharedStrings.xml"; }
xcell() { sst "$(xmllint --xpath "string(//*[local-name()='c'][@r='$2']/*[local-name()='v'])" "$work/xlsx/xl/worksheets/$1.xml")"; }
multi=$(jq -r '[.items[] | select(.type == "multi" and (.knowledge_ids[0] | startswith("L")))][0].id' "$work/bank2.json")
idx=$(xmllint --xpath "count(//*[local-name()='si'][*[local-name()='t']='$multi']/preceding-sibling::*[local-name()='si'])" "$work/xlsx/xl/sharedStrings.xml")
row=$(xmllint --xpath "string(//*[local-name()='c'][starts-with(@r,'N')][*[local-name()='v']='$idx']/@r)" "$work/xlsx/xl/worksheets/sheet1.xml" | tr -d N)
"$tiku" dump --json --content content > "$work/dump2.json"
check "template sheet: a 多选's key with commas, difficulty as a word, knowledge as text" test \
    "$(xcell sheet2 "H$row")|$(xcell sheet2 "J$row")|$(xcell sheet2 "K$row")" = \
    "$(jq -r --arg id "$multi" '.items[] | select(.id == $id) | (.answer | split("") | join(",")) + "|" +
        (["易","较易","中等","较难","难"][.difficulty - 1])' "$work/bank2.json")|$(jq -r \
        --argjson k "$(jq -c --arg id "$multi" '.items[] | select(.id == $id) | .knowledge_ids' "$work/bank2.json")" \
        '[$k[] as $u | .levels[].functions[].work_contents[].knowledge[] | select(.uid == $u) | .text] | join("；")' \
        "$work/dump2.json")"
check "the workbook carries document properties with the content's date" sh -c "
    unzip -p '$work/bank2.xlsx' docProps/core.xml | grep -q '<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-01-31T12:00:00Z' &&
    unzip -p '$work/bank2.xlsx' xl/worksheets/sheet1.xml | grep -q 'state=\"frozen\"' &&
    unzip -l '$work/bank2.xlsx' | grep -q 'xl/sharedStrings.xml'"

# QTI 3.0: the bank as a content package
"$tiku" export --level 2 --format qti --out "$work/qti2.zip" || bad "export qti"
"$tiku" export --level 2 --format qti --out "$work/qti2b.zip"
check "two QTI packages are byte-identical" cmp "$work/qti2.zip" "$work/qti2b.zip"
mkdir -p "$work/qti2" && (cd "$work/qti2" && unzip -q ../qti2.zip)
check "every file of the QTI package is well-formed XML" sh -c \
    "cd '$work/qti2' && xmllint --noout imsmanifest.xml items/*.xml"
check "the manifest lists every item of the pool, each file present" sh -c "
    cd '$work/qti2' &&
    test \$(xmllint --xpath 'count(//*[local-name()=\"resource\"][@type=\"imsqti_item_xmlv3p0\"])' imsmanifest.xml) = \
         \$(jq '.items | length' '$work/bank2.json') &&
    for f in \$(xmllint --xpath '//*[local-name()=\"file\"]/@href' imsmanifest.xml |
        sed 's/.*href=\"\\([^\"]*\\)\"/\\1/'); do test -f \"\$f\" || exit 1; done"
qti_item() { xmllint --xpath "$2" "$work/qti2/items/$1.xml"; }
multi=$(jq -r '[.items[] | select(.type == "multi")][0].id' "$work/bank2.json")
check "a 多选 declares multiple cardinality and its exact key set" test \
    "$(qti_item "$multi" 'string(//*[local-name()="qti-response-declaration"]/@cardinality)') $(qti_item "$multi" 'count(//*[local-name()="qti-correct-response"]/*)')" = \
    "multiple $(jq -r --arg id "$multi" '.items[] | select(.id == $id) | .answer | length' "$work/bank2.json")"
check "choice items use the standard match_correct processing" test \
    "$(grep -l 'rptemplates/match_correct.xml' "$work"/qti2/items/*.xml | wc -l)" = \
    "$(jq '[.items[] | select(.type != "skill" and .type != "review")] | length' "$work/bank2.json")"
check "explanations and rubrics are for scorers and tutors only" sh -c \
    "test \$(grep -h -o '<qti-rubric-block [^>]*view=\"[^\"]*\"' '$work'/qti2/items/*.xml | wc -l) = \
         \$(ls '$work'/qti2/items | wc -l) &&
     ! grep -h -o '<qti-rubric-block [^>]*view=\"[^\"]*\"' '$work'/qti2/items/*.xml | grep -q candidate"
# only the QTI 3 elements tiku means to write, and the HTML the content model admits
grep -h -o '<[a-z][a-z0-9-]*' "$work"/qti2/items/*.xml | sort -u | tr -d '<' > "$work/qti-elements"
check "items use only known QTI 3.0 and HTML elements" sh -c "! grep -v -x -E \
    'qti-(assessment-item|response-declaration|correct-response|value|outcome-declaration|default-value|item-body|choice-interaction|simple-choice|extended-text-interaction|rubric-block|content-body|response-processing)|p|ol|ul|li|code|strong|em|br|table|thead|tbody|tr|th|td' \
    '$work/qti-elements'"

# QTI 3.0 and Word for paper forms
"$tiku" paper --level 2 --kind theory --forms 2 --format json,docx,moodle,qti \
    --out "$work/p2" 2> /dev/null || bad "paper --format docx,moodle,qti"
mkdir -p "$work/p2/qti" && (cd "$work/p2/qti" && unzip -q ../qti-L2-theory.zip)
check "one qti-assessment-test per form, sections by type in paper order" test \
    "$(for t in A B; do xmllint --xpath '//*[local-name()="qti-assessment-section"]/@title' "$work/p2/qti/tests/$t.xml"; done | tr -d ' \n')" = \
    'title="判断题"title="单项选择题"title="多项选择题"title="判断题"title="单项选择题"title="多项选择题"'
check "each test refers to its form's items, in order, weighted to 100 points" sh -c "
    for t in A B; do
        test \"\$(xmllint --xpath '//*[local-name()=\"qti-assessment-item-ref\"]/@identifier' '$work/p2/qti/tests/'\$t.xml |
            sed 's/.*identifier=\"\\([^\"]*\\)\"/\\1/' | tr '\n' ' ')\" = \
             \"\$(jq -r --arg t \$t '.forms[] | select(.code == \$t) | .items[].id' '$work/p2/manifest-L2-theory.json' | tr '\n' ' ')\" || exit 1
        test \$(xmllint --xpath 'sum(//*[local-name()=\"qti-weight\"]/@value)' '$work/p2/qti/tests/'\$t.xml) = 100 || exit 1
        for f in \$(xmllint --xpath '//*[local-name()=\"qti-assessment-item-ref\"]/@href' '$work/p2/qti/tests/'\$t.xml |
            sed 's/.*href=\"\\([^\"]*\\)\"/\\1/'); do test -f '$work/p2/qti/tests/'\$f || exit 1; done
    done"
check "a form's Moodle quiz holds its items" test \
    "$(xmllint --xpath 'count(//question[@type!="category"])' "$work/p2/moodle-L2-theory-A.xml")" = \
    "$(jq '.forms[0].items | length' "$work/p2/manifest-L2-theory.json")"
"$tiku" paper --level 2 --kind theory --forms 2 --format docx --out "$work/p2b" 2> /dev/null
check "Word papers are byte-identical on a rebuild" cmp "$work/p2/paper-L2-theory-A.docx" "$work/p2b/paper-L2-theory-A.docx"
check "Word papers declare East Asian fonts and number their pages" sh -c "
    unzip -p '$work/p2/paper-L2-theory-A.docx' word/styles.xml | grep -q 'w:eastAsia=\"宋体\"' &&
    unzip -p '$work/p2/paper-L2-theory-A.docx' word/footer1.xml | grep -q 'PAGE'"
"$tiku" paper --level 2 --kind skill --format docx --out "$work/p2" 2> /dev/null || bad "skill paper docx"
(cd "$work/p2" && HOME="$work" timeout 300 libreoffice --headless --convert-to pdf \
    paper-L2-theory-A.docx key-L2-theory-A.docx paper-L2-skill-A.docx key-L2-skill-A.docx > /dev/null 2>&1)
pages() { pdfinfo "$work/p2/$1.pdf" 2> /dev/null | sed -n 's/^Pages: *//p'; }
check "LibreOffice opens the Word paper: A4, a plausible page count" sh -c "
    pdfinfo '$work/p2/paper-L2-theory-A.pdf' | grep -q 'Page size:.*(A4)' &&
    test '$(pages paper-L2-theory-A)' -ge 6 && test '$(pages paper-L2-theory-A)' -le 30 &&
    test '$(pages key-L2-theory-A)' -ge 3 && test '$(pages paper-L2-skill-A)' -ge 2"
# The text area of a page of a Word paper's PDF: the running header, the
# footer and (x 80 on a paper) the sealed strip cropped off.
body_text() {
	pdftotext -f "$2" -l "$2" -x "$3" -y 62 -W $((596 - $3)) -H 716 -layout "$1" -
}
# an answer bracket never splits across lines ("（" ending one, "）" opening
# the next), and an item never across pages: every page after the first
# starts with an item's number, a part's heading or the 得分 box before it
pdftotext -layout "$work/p2/paper-L2-theory-A.pdf" "$work/p2/paper-layout.txt"
nbsp=$(printf '\302\240')
check "Word paper: no answer bracket split across lines" sh -c "
    ! grep -n -E '（[ $nbsp　]*\$' '$work/p2/paper-layout.txt'"
starts=0
for p in $(seq 2 "$(pages paper-L2-theory-A)"); do
	body_text "$work/p2/paper-L2-theory-A.pdf" "$p" 80 |
	    grep -v '^[[:space:]]*$' | head -1 | grep -q -E '^ *([0-9]+\. |[一二三四五六]、|得)' ||
	    starts=$((starts + 1))
done
check "Word paper: every page starts with an item or a part, none splits" test "$starts" = 0
# every stem and option on the paper, every explanation in the key (spaces and
# line breaks and the page footers aside: PDF text breaks lines and pages
# where the layout does, and pdftotext drops the ideographic spaces of "（　）",
# which the paper writes as no-break spaces; and the enumeration comma 、,
# which LibreOffice's PDF export leaves out where it ends a full justified
# line, though the document holds it — checked in document.xml below)
for f in paper-L2-theory-A key-L2-theory-A paper-L2-skill-A key-L2-skill-A; do
	x=0
	case $f in paper-*) x=80 ;; esac
	for p in $(seq 1 "$(pages "$f")"); do
		body_text "$work/p2/$f.pdf" "$p" "$x"
	done | tr -d ' \n\f' | sed "s/　//g; s/$nbsp//g; s/、//g" > "$work/p2/$f.txt"
done
jq -r --slurpfile b "$work/bank2.json" '.forms[0].items[].id as $id |
    $b[0].items[] | select(.id == $id) | .stem, (.options // [])[]' \
    "$work/p2/manifest-L2-theory.json" | tr -d ' ' | sed 's/　//g; s/、//g' > "$work/p2/expect-paper"
jq -r --slurpfile b "$work/bank2.json" '.forms[0].items[].id as $id |
    $b[0].items[] | select(.id == $id) | .explanation' \
    "$work/p2/manifest-L2-theory.json" | tr -d ' ' | sed 's/　//g; s/、//g' > "$work/p2/expect-key"
missing=0
while IFS= read -r t; do grep -qF -- "$t" "$work/p2/paper-L2-theory-A.txt" || missing=$((missing + 1)); done < "$work/p2/expect-paper"
while IFS= read -r t; do grep -qF -- "$t" "$work/p2/key-L2-theory-A.txt" || missing=$((missing + 1)); done < "$work/p2/expect-key"
check "every stem, option and explanation of form A reads back from the PDFs" test "$missing" = 0
# the Word documents themselves hold every explanation whole, commas included
unzip -p "$work/p2/key-L2-theory-A.docx" word/document.xml | sed 's/<[^>]*>//g' |
    sed "s/&lt;/</g; s/&gt;/>/g; s/&quot;/\"/g; s/&apos;/'/g; s/&amp;/\\&/g" |
    tr -d ' \n' | sed 's/　//g' > "$work/p2/key-docx.txt"
jq -r --slurpfile b "$work/bank2.json" '.forms[0].items[].id as $id |
    $b[0].items[] | select(.id == $id) | .explanation' \
    "$work/p2/manifest-L2-theory.json" | tr -d ' ' | sed 's/　//g' > "$work/p2/expect-key-whole"
missing=0
while IFS= read -r t; do grep -qF -- "$t" "$work/p2/key-docx.txt" || missing=$((missing + 1)); done < "$work/p2/expect-key-whole"
check "every explanation of form A is whole in the Word key" test "$missing" = 0
check "the skill paper shows its task, the key its rubric, not the other way" sh -c "
    grep -q '情境' '$work/p2/paper-L2-skill-A.txt' && grep -q '评分要点' '$work/p2/key-L2-skill-A.txt' &&
    ! grep -q '评分要点' '$work/p2/paper-L2-skill-A.txt'"

# every level: each bank export, and a theory and a skill form in every
# paper export format
all_ok=1
for l in 5 4 3 2 1; do
	for f in moodle qti xlsx; do
		"$tiku" export --level $l --format $f --out "$work/all-L$l.$f" || all_ok=0
	done
	xmllint --noout "$work/all-L$l.moodle" || all_ok=0
	for k in theory skill; do
		"$tiku" paper --level $l --kind $k --format docx,moodle,qti \
		    --out "$work/all-p$l" 2> /dev/null || all_ok=0
	done
	test -s "$work/all-p$l/paper-L$l-skill-A.docx" &&
	    test -s "$work/all-p$l/key-L$l-theory-A.docx" &&
	    test -s "$work/all-p$l/qti-L$l-theory.zip" || all_ok=0
done
check "every level exports its bank and its papers in every format" test $all_ok = 1
"$tiku" export --level 2 --format qti,xlsx > "$work/fmt.out" 2>&1
check "export takes one format, and says which" sh -c "test $? = 2 && grep -q 'say one format: --format moodle, qti or xlsx' '$work/fmt.out'"
"$tiku" syllabus --level 2 --format docx > "$work/fmt.out" 2>&1
check "syllabus refuses a paper-only format" sh -c "test $? = 2 && grep -q 'format takes html, epub, json' '$work/fmt.out'"

# --- a failing template fails the build with nothing written ---
cp -R templates "$work/bad-templates"
printf '<p>{%% while true do end %%}</p>\n' > "$work/bad-templates/index.html"
cp -R "$work/site1" "$work/site1.before2"
"$tiku" build --templates "$work/bad-templates" --out "$work/site1" > "$work/badtpl.out" 2>&1
check "an endless template exits 1" test $? = 1
check "the error names the template and line" \
    grep -q "bad-templates/index.html:1: instruction budget of 500 million exceeded" "$work/badtpl.out"
check "and the previous site is untouched" diff -r "$work/site1.before2" "$work/site1"
# the levels are built by forked workers: an error in one level's page is
# reported as a serial build reports it, alone, and nothing is written
cp -R templates "$work/bad-level"
{ printf '{%% if level.id == "L3" then local x = nil + 1 end %%}\n'
  cat templates/mock.html; } > "$work/bad-level/mock.html"
"$tiku" build --templates "$work/bad-level" --out "$work/site1" > "$work/badlevel.out" 2>&1
check "an error in one level's page exits 1" test $? = 1
check "it is reported once, as a serial build reports it" test \
    "$(cat "$work/badlevel.out")" = "$work/bad-level/mock.html:1: attempt to perform arithmetic on a nil value
tiku: 1 problem found; nothing was written"
check "and the site is untouched by the workers" diff -r "$work/site1.before2" "$work/site1"

# --- command line ---
check "--version" sh -c "'$tiku' --version | grep -q '^tiku [0-9]'"
check "--help lists the commands" sh -c "'$tiku' --help | grep -q 'lint'"
check "lint --help" sh -c "'$tiku' lint --help | grep -q -- '--content'"
"$tiku" lint --bogus > "$work/opt.out" 2>&1
check "unknown option exits 2" test $? = 2
check "unknown option is named" grep -q "unknown option '--bogus'" "$work/opt.out"
"$tiku" frobnicate > /dev/null 2>&1
check "unknown command exits 2" test $? = 2
"$tiku" build --seed x > /dev/null 2>&1
check "bad seed exits 2" test $? = 2
check "audit's and export's help list --lua" sh -c \
    "'$tiku' audit --help | grep -q -- '--lua DIR' && '$tiku' export --help | grep -q -- '--lua DIR'"
"$tiku" paper --level 5 --kind review > "$work/review.out" 2>&1
check "review on a level without one exits 2" test $? = 2
check "and says exactly that" test "$(cat "$work/review.out")" = \
    "tiku paper: level 5 (五级/初级工) has no comprehensive review (综合评审); levels with one: 2, 1"
check "run from elsewhere, the binary finds the repository's templates and Lua" \
    sh -c "cd '$work' && '$tiku' lint --content '$top/tests/fixtures/other'"
cp "$tiku" "$work/lone-tiku"
(cd "$work" && ./lone-tiku lint --content "$top/tests/fixtures/other") > "$work/lone.out" 2>&1
check "a binary with no Lua beside it exits 2" test $? = 2
check "and names --lua" test "$(cat "$work/lone.out")" = \
    "tiku lint: no Lua modules found (looked in ./lua, and in ../share/tiku/lua and ../lua beside the binary); name the folder with --lua DIR"
"$tiku" build --templates "$work" --out "$work/none" > "$work/tpl.out" 2>&1
check "a templates folder without layout.html names --templates" test \
    "$(cat "$work/tpl.out")" = "tiku build: --templates $work: no layout.html there, so it is not a folder of page templates; name the right one with --templates DIR"

# --- install ---
make -s install PREFIX=/opt/tiku DESTDIR="$work/stage" > "$work/install.out" 2>&1 || bad "make install"
check "install puts the binary, data and man page in place" test \
    -x "$work/stage/opt/tiku/bin/tiku" -a \
    -f "$work/stage/opt/tiku/share/tiku/content/standard/1-overview.md" -a \
    -f "$work/stage/opt/tiku/share/man/man1/tiku.1"
check "installed binary finds its installed content" \
    sh -c "cd / && '$work/stage/opt/tiku/bin/tiku' lint"

echo "e2e: $pass passed, $fail failed"
[ "$fail" = 0 ]
