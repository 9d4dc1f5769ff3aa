#!/bin/sh
# The PDF papers, keys and answer sheets: A4, page count, the running
# header, footer and sealed strip on every page (pdftotext per page, the
# strip cropped apart from the text area), every stem and option in the
# form's order on one page (no item split), fonts embedded (pdffonts),
# the seed only in the key, and byte-identical reruns.
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
bank="$work/bank.json"
"$tiku" bank --level 3 --format json > "$bank" 2>/dev/null

# check_paper PDF FORM-INDEX: the candidate's copy of one form
check_paper() {
	pdf=$1 form=$2 code=$(jq -r ".forms[$2].code" "$work/a/manifest-L3-theory.json")
	n=$(pages "$pdf") d="$work/pages-$code"
	mkdir -p "$d"
	check "form $code: 85 items on at most 10 pages (got $n)" test "$n" -le 10
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

echo "pdf: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
