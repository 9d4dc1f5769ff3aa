#!/bin/sh
# The PDF papers, keys and answer sheets: A4, page count, the running
# header, footer and sealed strip on every page (pdftotext per page, the
# strip cropped apart from the text area), every stem and option in the
# form's order on one page (no item split), fonts embedded (pdffonts),
# the seed only in the key, and byte-identical reruns. The same header,
# footer and strip in the Word papers, as LibreOffice prints them.
# Prints "N passed, N failed"; exits 1 on failure.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tiku="$top/gen/tiku"
work="$top/tests/build/pdf"
rm -rf "$work" && mkdir -p "$work"
. "$top/tests/lib.sh"

# Text without any white space, so that wrapped lines join again.
flat() { tr -d ' \n\t\r\f' | sed 's/　//g'; }
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

"$tiku" paper --level 3 --kind theory --forms 2 --seed 7 --format pdf,json \
    --out "$work/a" 2>/dev/null || bad "paper --format pdf"
"$tiku" paper --level 3 --kind theory --forms 2 --seed 7 --format pdf,json \
    --out "$work/b" 2>/dev/null || bad "paper --format pdf, second run"
for f in "$work"/a/*.pdf; do
	check "rerun gives identical bytes: ${f##*/}" cmp "$f" "$work/b/${f##*/}"
	check "A4: ${f##*/}" sh -c "pdfinfo '$f' | grep -q 'Page size: *595.276 x 841.89 pts (A4)'"
	check "fonts embedded: ${f##*/}" sh -c "pdffonts '$f' | awk 'NR > 2 {
	    n++; if (\$(NF-4) != \"yes\") bad++ } END { exit !(n > 0 && !bad) }'"
done
# A document prints the same whichever documents share its fonts (they
# are subset once per batch): the site writes a level's sample papers
# together, paper a form's paper, key and sheets. Same pages, same text.
"$tiku" build --seed 7 --out "$work/site" 2>/dev/null || bad "build --seed 7"
"$tiku" paper --level 3 --kind theory --forms 3 --seed 7 --format pdf \
    --out "$work/c" 2>/dev/null || bad "paper --forms 3 --format pdf"
same_print() {
	for f in "$1" "$2"; do
		pdftoppm -r 40 "$f" "$f.page" || return 1
		pdftotext -layout "$f" "$f.txt" || return 1
	done
	[ "$(cat "$1".page-*.ppm | md5sum)" = "$(cat "$2".page-*.ppm | md5sum)" ] &&
	    cmp -s "$1.txt" "$2.txt"
}
check "the site's sample paper prints as paper's (pages, text)" \
    same_print "$work/site/downloads/paper-L3-theory-A.pdf" \
    "$work/c/paper-L3-theory-A.pdf"
# The faces cut to the content's characters (fontcut): made on the first
# run into the cache (four, serif and sans, regular and bold), the same
# bytes from the cache, a damaged cut found and made again, and the same
# pages and text as the system's faces print when no cut can be made.
cut_run() {                     # cut_run CACHE OUT
	XDG_CACHE_HOME=$1 "$tiku" paper --level 3 --kind theory --forms 1 \
	    --seed 7 --format pdf --out "$2" 2>/dev/null
}
cuts="$work/cache/tiku/fonts"
mkdir -p "$cuts"
for i in $(seq 1 26); do touch -d "2026-01-01 00:00:$i" "$cuts/stale$i.otf"; done
cut_run "$work/cache" "$work/cut1" || bad "paper with an empty font cache"
check "fontcut: four faces cut into the cache" \
    test "$(ls "$cuts" | grep -vc stale)" = 4
check "fontcut: the cache keeps 24 cuts, the least recently used removed" sh -c "
    test \$(ls '$cuts' | wc -l) = 24 && ! test -e '$cuts/stale1.otf' &&
    test -e '$cuts/stale26.otf'"
cut_run "$work/cache" "$work/cut2" || bad "paper with the cuts cached"
check "fontcut: a cached cut prints the same bytes" \
    cmp "$work/cut1/paper-L3-theory-A.pdf" "$work/cut2/paper-L3-theory-A.pdf"
one=$(ls "$cuts"/*.otf | grep -v stale | head -1)
size=$(wc -c < "$one")
head -c 4096 "$one" > "$one.part" && mv "$one.part" "$one"
cut_run "$work/cache" "$work/cut3" || bad "paper with a damaged cut"
check "fontcut: a damaged cut is made again, same bytes" sh -c "
    test \$(wc -c < '$one') = $size &&
    cmp '$work/cut1/paper-L3-theory-A.pdf' '$work/cut3/paper-L3-theory-A.pdf'"
: > "$work/no-cache"            # a file where the folder would be
cut_run "$work/no-cache" "$work/cut4" || bad "paper without a font cache"
check "fontcut: without a cache, the system faces print the same pages and text" \
    same_print "$work/cut1/paper-L3-theory-A.pdf" "$work/cut4/paper-L3-theory-A.pdf"
bank="$work/bank.json"
"$tiku" bank --level 3 --format json > "$bank" 2>/dev/null

# check_paper PDF FORM-INDEX: the candidate's copy of one form
check_paper() {
	pdf=$1 form=$2 code=$(jq -r ".forms[$2].code" "$work/a/manifest-L3-theory.json")
	n=$(pages "$pdf") d="$work/pages-$code"
	mkdir -p "$d"
	# (11 since the items carry cases with data: readings, logs, schedules)
	check "form $code: 85 items on at most 11 pages (got $n)" test "$n" -le 11
	i=1
	while [ "$i" -le "$n" ]; do
		# the text area right of the binding margin, and the strip itself
		pdftotext -raw -f $i -l $i -x 80 -y 0 -W 520 -H 842 "$pdf" - | flat > "$d/$i"
		pdftotext -raw -f $i -l $i -x 0 -y 0 -W 80 -H 842 "$pdf" - | flat > "$d/strip-$i"
		check "form $code page $i: running header" grep -q \
		    "数字孪生应用技术员（三级/高级工）理论知识考试试卷${code}卷" "$d/$i"
		check "form $code page $i: footer" grep -q "第${i}页共${n}页" "$d/$i"
		for w in 姓名 准考证号 考场 单位 密封线内不要答题; do
			check "form $code page $i: sealed strip has $w" grep -q "$w" "$d/strip-$i"
		done
		i=$((i + 1))
	done
	check "form $code: 试卷结束 on the last page" grep -q 试卷结束 "$d/$n"
	check "form $code: the end mark is not alone on its page (item 85 with it)" \
	    grep -q '85\.' "$d/$n"
	check "form $code: first page has 注意事项 and the score table" sh -c \
	    "grep -q 注意事项 '$d/1' && grep -q 总分人 '$d/1' && grep -q 评分人 '$d/1'"
	check "form $code: no seed on the candidate's copy" sh -c \
	    "! cat '$d'/[0-9]* | grep -q 种子"
	# every item: its stem and its options, lettered in the form's order,
	# all on one page
	jq -r --slurpfile b "$bank" --argjson f "$form" '
	    ($b[0].items | map({(.id): .}) | add) as $by
	    | .forms[$f].items[] | $by[.id] as $it
	    | [.id, $it.stem] + (if .options_order then
	        [.options_order | split("") | to_entries[]
	         | "\([65 + .key] | implode).\($it.options[(.value | explode[0]) - 65])"]
	      else [] end) | join("\u001f")' "$work/a/manifest-L3-theory.json" |
	while IFS= read -r line; do
		echo "$line" | tr '\037' '\n' | {
			read -r id
			read -r stem
			stem=$(printf %s "$stem" | flat)
			page=$(grep -lF -- "$stem" "$d"/[0-9]* | head -1)
			if [ -z "$page" ]; then
				echo "FAIL-ITEM $id: stem not on any one page"
			fi
			while read -r opt; do
				o=$(printf %s "$opt" | flat)
				[ -n "$page" ] && ! grep -qF -- "$o" "$page" &&
				    echo "FAIL-ITEM $id: option $o not on the stem's page"
			done
		}
	done > "$d/items.out"
	check "form $code: every stem and option present, no item split" \
	    sh -c "! grep FAIL-ITEM '$d/items.out'"
}
check_paper "$work/a/paper-L3-theory-A.pdf" 0
check_paper "$work/a/paper-L3-theory-B.pdf" 1

# the key: the seed, every item id, no sealed strip
pdftotext -raw "$work/a/key-L3-theory-A.pdf" - | flat > "$work/key-A"
check "key carries the seed" grep -q "组卷种子7" "$work/key-A"
check "key has every item of form A" sh -c "jq -r '.forms[0].items[].id' \
    '$work/a/manifest-L3-theory.json' | while read -r id; do
	grep -qF \"[\$id]\" '$work/key-A' || echo \$id; done | grep -q . && exit 1 || exit 0"
check "key has no sealed strip" sh -c "! grep -q 密封线 '$work/key-A'"

# answer sheets: every bubble of the manifest's geometry printed with its
# label at its place (pdftotext -bbox, within 0.8 mm), the code mark of
# each form filled where the manifest says (pixels of the page image)
man="$work/a/manifest-L3-theory.json"
check "manifest: sheet rows in paper order, T/F, A–D, A–E" test "$(jq -c \
    '[.answer_sheet.items[] | [.number, (.bubbles | map(.label) | join(""))]]
     | group_by(.[1]) | map([.[0][1], length, .[0][0]])' "$man")" = \
    '[["ABCD",50,21],["ABCDE",15,71],["TF",20,1]]'
for s in A B; do
	f="$work/a/sheet-L3-theory-$s.pdf"
	check "sheet $s: one A4 page" sh -c "pdfinfo '$f' | grep -q '^Pages: *1$' &&
	    pdfinfo '$f' | grep -q 'Page size: *595.276 x 841.89 pts (A4)'"
	pdftotext -bbox "$f" - | sed -n 's/.*xMin="\([^"]*\)" yMin="\([^"]*\)" xMax="\([^"]*\)" yMax="\([^"]*\)">\([^<]*\)<.*/\5 \1 \2 \3 \4/p' |
	    awk '{ printf "%s %.2f %.2f\n", $1, ($2 + $4) / 2 / 72 * 25.4, ($3 + $5) / 2 / 72 * 25.4 }' > "$work/words-$s"
	jq -r '.answer_sheet | (.items[].bubbles[], .candidate_number.digits[][])
	    | "\(.label) \(.x) \(.y)"' "$man" > "$work/bubbles-$s"
	check "sheet $s: $(wc -l < "$work/bubbles-$s") bubbles where the manifest puts them" \
	    awk 'NR == FNR { l[NR] = $1; x[NR] = $2; y[NR] = $3; n = NR; next }
	    { for (i = 1; i <= n; i++) if (!hit[i] && l[i] == $1 &&
	        (x[i] - $2)^2 + (y[i] - $3)^2 < 0.64) { hit[i] = 1; break } }
	    END { for (i = 1; i <= n; i++) if (!hit[i]) { print "missing", l[i], x[i], y[i]; bad = 1 }
	          exit bad }' "$work/bubbles-$s" "$work/words-$s"
	pdftoppm -r 72 -gray -singlefile "$f" "$work/sheet-$s"
	code=$(jq ".answer_sheet.form_code.forms.$s" "$man")
	jq -r '.answer_sheet | (.registration[] | "1 \(.x + .w / 2) \(.y + .h / 2)"),
	    (.form_code.squares | to_entries[] | "\(.key) \(.value.x + .value.w / 2) \(.value.y + .value.h / 2)")' \
	    "$man" > "$work/marks-$s"
	# P5 header: 3 lines ("P5", "W H", "255"), then a byte per pixel
	dims=$(sed -n 2p "$work/sheet-$s.pgm")
	hdr=$((3 + ${#dims} + 1 + 4)) w=${dims%% *}
	check "sheet $s: registration marks and code $code filled as the manifest says" \
	    sh -c "od -An -v -tu1 -w1 '$work/sheet-$s.pgm' | awk -v code=$code -v hdr=$hdr -v w=$w '
	    NR == FNR { k[NR] = \$1; px[NR] = int(\$2 / 25.4 * 72); py[NR] = int(\$3 / 25.4 * 72); n = NR; next }
	    { v[FNR - 1] = \$1 }
	    END { bad = 0
	      for (i = 1; i <= n; i++) {
	        dark = v[hdr + py[i] * w + px[i]] < 128
	        want = i <= 4 ? 1 : int(code / 2 ^ k[i]) % 2
	        if (dark != want) { print \"mark\", i, \"dark\", dark, \"want\", want; bad = 1 } }
	      exit bad }' '$work/marks-$s' -"
done

# the printed HTML (paper.css): Chromium's own print to PDF has the same
# header, footer and strip on every page, and no seed
"$tiku" paper --level 3 --kind theory --seed 7 --format html --out "$work/h" 2>/dev/null
if [ -x /usr/bin/chromium ]; then
	timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu \
	    --no-pdf-header-footer --print-to-pdf="$work/h/print.pdf" \
	    "file://$work/h/paper-L3-theory-A.html" > /dev/null 2>&1
	n=$(pages "$work/h/print.pdf")
	check "printed HTML: A4, $n pages" sh -c "test '$n' -ge 2 &&
	    pdfinfo '$work/h/print.pdf' | grep -q 'Page size: *594.96 x 841.92 pts (A4)\|Page size: *595.* x 841.* pts (A4)'"
	i=1
	while [ "$i" -le "${n:-0}" ]; do
		pdftotext -raw -f $i -l $i -x 0 -y 0 -W 85 -H 842 "$work/h/print.pdf" - | flat > "$work/h/strip-$i"
		pdftotext -raw -f $i -l $i "$work/h/print.pdf" - | flat > "$work/h/page-$i"
		check "printed HTML page $i: header, footer, strip" sh -c "
		    grep -q '数字孪生应用技术员（三级/高级工）理论知识考试试卷A卷' '$work/h/page-$i' &&
		    grep -q '第${i}页共${n}页' '$work/h/page-$i' &&
		    grep -q 密封线内不要答题 '$work/h/strip-$i' && grep -q 准考证号 '$work/h/strip-$i'"
		i=$((i + 1))
	done
	check "printed HTML: 试卷结束, 评分人, no seed" sh -c "cat '$work/h'/page-* > '$work/h/all' &&
	    grep -q 试卷结束 '$work/h/all' && grep -q 评分人 '$work/h/all' &&
	    ! grep -q 种子 '$work/h/all'"
	check "printed HTML: short options in four columns" \
	    grep -q 'class="options cols-4"' "$work/h/paper-L3-theory-A.html"
else
	bad "chromium not installed (make test-deps)"
fi

# the Word papers (docx.c): LibreOffice's PDF of form A and its key has
# the running header and footer on every page, the paper the sealed strip
# in its binding margin on every page, the key none, the seed only in the
# key
"$tiku" paper --level 3 --kind theory --seed 7 --format docx --out "$work/w" 2>/dev/null
if command -v soffice > /dev/null; then
	HOME="$work/w" timeout 300 soffice --headless --convert-to pdf \
	    --outdir "$work/w" "$work/w/paper-L3-theory-A.docx" \
	    "$work/w/key-L3-theory-A.docx" > /dev/null 2>&1
	for d in paper key; do
		f="$work/w/$d-L3-theory-A.pdf"
		n=$(pages "$f")
		what=试卷
		[ "$d" = key ] && what=答案与评分标准
		check "Word $d: A4, $n pages" sh -c "test '${n:-0}' -ge 2 &&
		    pdfinfo '$f' | grep -q 'Page size: *595.* x 841.* pts (A4)'"
		i=1 miss=
		while [ "$i" -le "${n:-0}" ]; do
			pdftotext -raw -f $i -l $i -x 0 -y 0 -W 80 -H 842 "$f" - | flat > "$work/w/strip-$d-$i"
			pdftotext -raw -f $i -l $i -x 80 -y 0 -W 520 -H 842 "$f" - | flat > "$work/w/$d-$i"
			grep -q "数字孪生应用技术员（三级/高级工）理论知识考试${what}A卷" \
			    "$work/w/$d-$i" || miss="$miss header-$i"
			grep -q "第${i}页共${n}页" "$work/w/$d-$i" || miss="$miss footer-$i"
			for w in 姓名 准考证号 考场 单位 密封线内不要答题; do
				if [ "$d" = paper ]; then
					grep -q "$w" "$work/w/strip-$d-$i" || miss="$miss $w-$i"
				else
					! grep -q "$w" "$work/w/strip-$d-$i" || miss="$miss key-$w-$i"
				fi
			done
			i=$((i + 1))
		done
		check "Word $d: header, footer and (paper only) sealed strip on every page${miss:+ (missing:$miss)}" \
		    test -z "$miss"
	done
	cat "$work/w"/paper-[0-9]* > "$work/w/paper-all"
	check "Word paper: 注意事项, 总分人, 评分人, 试卷结束, no seed; key has the seed" sh -c "
	    grep -q 注意事项 '$work/w/paper-1' && grep -q 总分人 '$work/w/paper-1' &&
	    grep -q 评分人 '$work/w/paper-1' && grep -q 试卷结束 '$work/w/paper-all' &&
	    ! grep -q 种子 '$work/w/paper-all' && grep -q 组卷种子7 '$work/w/key-1'"
else
	bad "soffice not installed (make test-deps)"
fi

# the skill-exam document set: seed 2 draws L5-T-001, which names
# attachments and has a reference answer and points observed live
"$tiku" paper --level 5 --kind skill --seed 2 --format pdf,json --out "$work/s" 2>/dev/null
"$tiku" paper --level 5 --kind skill --seed 2 --format pdf --out "$work/s2" 2>/dev/null
docs="$work/s/docs-L5-skill-A.pdf"
check "skill documents: rerun gives identical bytes" cmp "$docs" "$work/s2/docs-L5-skill-A.pdf"
check "skill documents: A4, fonts embedded" sh -c "pdfinfo '$docs' | grep -q 'A4' &&
    pdffonts '$docs' | awk 'NR > 2 { n++; if (\$(NF-4) != \"yes\") bad++ } END { exit !(n > 0 && !bad) }'"
pdftotext -raw "$docs" - | flat > "$work/docs.txt"
ex=$("$tiku" dump --json | jq '.facts.examiners_min')
tasks=$(jq '.forms[0].items | length' "$work/s/manifest-L5-skill.json")
for w in 考生准备通知单 考场准备通知单 超时规定 成果文件的命名与保存 总成绩表 否决项记录 不得出现口令（密码）明文 不得编造 按该题评分标准和评分通则扣分 \
    参考答案试题1 现场观察记录试题1 考评组长; do
	check "skill documents: $w" grep -q "$w" "$work/docs.txt"
done
# the 评分通则 of content/papers.md, read here from the file itself: each
# rule numbered in the candidates' notice and on the examiners' page, and
# once in the key
rules() { awk -v k="$1" '$0 == "```rules " k { on = 1; next } on && /^```/ { on = 0 } on && NF' content/papers.md; }
rules skill > "$work/rules-skill"
rules review > "$work/rules-review"
pdftotext -raw "$work/s/key-L5-skill-A.pdf" - | flat > "$work/s/key.txt"
# each rule, numbered, found COUNT times in FILE
each_rule() {
	test -s "$1" && i=0 && while IFS= read -r r; do
		i=$((i + 1))
		test "$(grep -oF "$i.$(printf %s "$r" | flat)" "$2" | wc -l)" = "$3" || return 1
	done < "$1"
}
check "skill documents: the $(wc -l < "$work/rules-skill") 评分通则 in the candidates' notice and for the examiners" \
    each_rule "$work/rules-skill" "$work/docs.txt" 2
check "skill documents: the 评分通则 under 六 of the candidates' notice" \
    grep -q "六、评分通则（评分标准另有规定的，按评分标准）1\.$(head -1 "$work/rules-skill")" "$work/docs.txt"
check "skill key: the 评分通则 before the rubrics" grep -q '评分通则各题.*一、操作技能考核' "$work/s/key.txt"
check "skill key: each of the $(wc -l < "$work/rules-skill") rules once" each_rule "$work/rules-skill" "$work/s/key.txt" 1
check "skill documents: a 评分记录表 with 扣分 and 得分 per task ($tasks)" test \
    "$(grep -o '评分记录表试题[0-9]（[^，]*，[0-9]*分）考生姓名.\{0,60\}序号考核内容配分评分标准扣分得分' "$work/docs.txt" | wc -l)" = "$tasks"
check "skill documents: $ex examiner signatures on every record" test \
    "$(grep -o "考评员${ex}（签名）" "$work/docs.txt" | wc -l)" -ge "$((tasks + 1))"
check "skill documents: the station set-up written for L5-T-001" grep -q \
    '预置另一教学服务占用8080端口' "$work/docs.txt"
for a in 环境核对表.csv 安装记录单.csv; do
	check "attachment shipped: L5-T-001-$a" cmp "$work/s/L5-T-001-$a" \
	    "content/attachments/L5-T-001/$a"
done
pdftotext -raw "$work/s/paper-L5-skill-A.pdf" - | flat > "$work/s/paper.txt"
check "the candidate's paper has no reference answer or station notes" sh -c \
    "! grep -q '参考答案\|考场准备\|预置另一教学服务' '$work/s/paper.txt'"

# the review scoring sheets: bands, follow-up questions, the panel
"$tiku" paper --level 2 --kind review --format pdf --out "$work/r" 2>/dev/null
panel=$("$tiku" dump --json | jq '.facts.review_panel_min')
pdftotext -raw "$work/r/docs-L2-review-A.pdf" - | flat > "$work/review.txt"
check "review documents: the 评分通则 before the sheets" grep -q '评分通则各题按本通则.*评分表答辩题1' "$work/review.txt"
check "review documents: each of the $(wc -l < "$work/rules-review") rules once" each_rule "$work/rules-review" "$work/review.txt" 1
check "review sheets: bands, follow-up questions, $panel panel signatures" sh -c "
    grep -q '评审要点配分优良中差得分' '$work/review.txt' && grep -q 追问1 '$work/review.txt' &&
    grep -q '评审组成员${panel}（签名）' '$work/review.txt'"

# the same document set as print HTML (skilldocs_html): every document's
# title, every task's rubric lines in its 评分记录表, the review sheets
"$tiku" paper --level 5 --kind skill --seed 2 --format html,json --out "$work/sh" 2>/dev/null
"$tiku" paper --level 2 --kind review --format html,json --out "$work/rh" 2>/dev/null
html="$work/sh/docs-L5-skill-A.html"
check "skill documents HTML: well-formed" xmllint --html --noout --nowarning "$html"
sed 's/<[^>]*>//g' "$html" | flat > "$work/sh/docs.txt"
pdftotext -raw "$docs" - | flat | grep -o '考生准备通知单\|考场准备通知单\|试题[0-9]（L5-T-[0-9]*）\|评分记录表试题[0-9]\|现场观察记录试题[0-9]\|参考答案试题[0-9]\|总成绩表' |
    uniq > "$work/sh/titles-pdf"
grep -o '<h1>[^<]*</h1>' "$html" | sed 's/<[^>]*>//g' | flat | grep -o \
    '考生准备通知单\|考场准备通知单\|试题[0-9]（L5-T-[0-9]*）\|评分记录表试题[0-9]\|现场观察记录试题[0-9]\|参考答案试题[0-9]\|总成绩表' > "$work/sh/titles-html"
check "skill documents HTML: the PDF's documents, in its order ($(wc -l < "$work/sh/titles-html"))" \
    sh -c "test \$(wc -l < '$work/sh/titles-html') -ge 8 && diff '$work/sh/titles-pdf' '$work/sh/titles-html'"
"$tiku" bank --level 5 --format json > "$work/bank5.json" 2>/dev/null
jq -r --slurpfile b "$work/bank5.json" '.forms[0].items[].id as $id | $b[0].items[]
    | select(.id == $id) | .rubric[].text' "$work/sh/manifest-L5-skill.json" > "$work/sh/rubric"
check "skill documents HTML: all $(wc -l < "$work/sh/rubric") rubric lines of the form's tasks" sh -c "
    test -s '$work/sh/rubric' && while IFS= read -r r; do
	printf %s \"\$r\" | tr -d ' \n' | sed 's/　//g' > '$work/sh/one'
	grep -qF -f '$work/sh/one' '$work/sh/docs.txt' || exit 1; done < '$work/sh/rubric'"
check "skill documents HTML: each 评分通则 in the notice and for the examiners" \
    each_rule "$work/rules-skill" "$work/sh/docs.txt" 2
check "skill documents HTML: $ex examiner signatures, station set-up, overtime" sh -c "
    grep -q '考评员${ex}（签名）' '$work/sh/docs.txt' &&
    grep -q '预置另一教学服务占用8080端口' '$work/sh/docs.txt' && grep -q 超时规定 '$work/sh/docs.txt'"
# and as Word: LibreOffice's PDF of it has the PDF's documents in order
# and every rubric line
"$tiku" paper --level 5 --kind skill --seed 2 --format docx --out "$work/sw" 2>/dev/null
if command -v soffice > /dev/null; then
	HOME="$work/sw" timeout 300 soffice --headless --convert-to pdf \
	    --outdir "$work/sw" "$work/sw/docs-L5-skill-A.docx" > /dev/null 2>&1
	# LibreOffice breaks pages where Word would: a long line may run
	# over a page, so the running footer and header go before matching
	pdftotext -raw "$work/sw/docs-L5-skill-A.pdf" - | flat |
	    sed 's/第[0-9]*页共[0-9]*页[^第]\{0,80\}考务文件[A-Z]卷//g' > "$work/sw/docs.txt"
	grep -o '考生准备通知单\|考场准备通知单\|试题[0-9]（L5-T-[0-9]*）\|评分记录表试题[0-9]\|现场观察记录试题[0-9]\|参考答案试题[0-9]\|总成绩表' \
	    "$work/sw/docs.txt" | uniq > "$work/sw/titles"
	check "skill documents Word: the PDF's documents, in its order" \
	    diff "$work/sh/titles-pdf" "$work/sw/titles"
	check "skill documents Word: each 评分通则 in the notice and for the examiners" \
	    each_rule "$work/rules-skill" "$work/sw/docs.txt" 2
	check "skill documents Word: every rubric line, $ex examiner signatures" sh -c "
	    grep -q '考评员${ex}（签名）' '$work/sw/docs.txt' &&
	    while IFS= read -r r; do
		printf %s \"\$r\" | tr -d ' \n' | sed 's/　//g' > '$work/sw/one'
		grep -qF -f '$work/sw/one' '$work/sw/docs.txt' || exit 1; done < '$work/sh/rubric'"
fi
sed 's/<[^>]*>//g' "$work/rh/docs-L2-review-A.html" | flat > "$work/rh/docs.txt"
check "review sheets: every score band runs upwards (an empty one is —)" sh -c "
    grep -o '<td>[0-9]*～[0-9]*</td>' '$work/rh/docs-L2-review-A.html' | tr -dc '0-9～\n' |
    awk -F～ '{ n++; if (\$1 + 0 > \$2 + 0) bad++ } END { exit !(n > 0 && !bad) }'"
check "review sheets HTML: bands, follow-up questions, $panel panel signatures, one per question" sh -c "
    grep -q '评审要点配分优良中差得分' '$work/rh/docs.txt' && grep -q 追问1 '$work/rh/docs.txt' &&
    grep -q '评审组成员${panel}（签名）' '$work/rh/docs.txt' &&
    test \$(grep -c '<h1>评分表' '$work/rh/docs-L2-review-A.html') = \
        \$(jq '.forms[0].items | length' '$work/rh/manifest-L2-review.json')"

echo "pdf: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
