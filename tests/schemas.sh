#!/bin/sh
# Every XML file that tiku exports, validated by xmllint against its
# official schema (../shared/schemas beside the repository): QTI 3.0 items,
# tests and manifests; every part of the Word and Excel files. The sample is
# the default bank of every level (QTI, Excel) and a level-2 paper set of
# each kind, two forms each (QTI, Word). A file whose root namespace has no
# schema here fails too, so a new part cannot slip past. Prints "N passed,
# N failed"; exits 1 on any schema error.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tiku="$top/gen/tiku"
work="$top/tests/build/schemas"
schemas=$(cd "$top/.." && pwd)/shared/schemas
rm -rf "$work" && mkdir -p "$work"
. "$top/tests/lib.sh"

if [ ! -f "$schemas/qti3/qtiv3p0/imsqti_asiv3p0_sbacv1p0_v1p0.xsd" ] ||
    [ ! -f "$schemas/ooxml/wml.xsd" ]; then
	echo "schemas: $schemas: the QTI 3 and ECMA-376 schemas are missing;" \
	    "put the shared/ folder beside the repository" >&2
	exit 1
fi

# --- the exports ---
for l in 1 2 3 4 5; do
	"$tiku" export --level $l --format qti --out "$work/bank-L$l.zip" ||
	    bad "export qti level $l"
	"$tiku" export --level $l --format xlsx --out "$work/bank-L$l.xlsx" ||
	    bad "export xlsx level $l"
done
for k in theory skill review; do
	"$tiku" paper --level 2 --kind $k --forms 2 --format docx,qti \
	    --out "$work/papers" 2> /dev/null || bad "paper level 2 $k"
done

"$tiku" course --level 2 --format docx,xlsx --out "$work/course" ||
    bad "course level 2 docx, xlsx"

# Unpack: bank items are the same file in every level's package, so they
# are kept once; each package's manifest is kept apart.
x="$work/x"
mkdir -p "$x/manifests"
for l in 1 2 3 4 5; do
	unzip -q -o "$work/bank-L$l.zip" -d "$x/bank" &&
	    mv "$x/bank/imsmanifest.xml" "$x/manifests/bank-L$l.xml"
	unzip -q "$work/bank-L$l.xlsx" -d "$x/xlsx-L$l"
done
for f in "$work/course/"*.docx "$work/course/"*.xlsx; do
	unzip -q "$f" -d "$x/course-$(basename "$f")"
done
for k in theory skill review; do
	unzip -q "$work/papers/qti-L2-$k.zip" -d "$x/qti-$k"
	for f in "$work/papers/"*-L2-$k-*.docx; do
		unzip -q "$f" -d "$x/$(basename "$f" .docx)"
	done
done

# --- one schema per root namespace ---
schema_for() {
	case $1 in
	http://www.imsglobal.org/xsd/imsqtiasi_v3p0)
		echo qti3/qtiv3p0/imsqti_asiv3p0_sbacv1p0_v1p0.xsd ;;
	http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1)
		echo qti3/qtiv3p0/imsqtiv3p0_imscpv1p2_v1p0.xsd ;;
	http://schemas.openxmlformats.org/wordprocessingml/2006/main)
		echo ooxml/wml.xsd ;;
	http://schemas.openxmlformats.org/spreadsheetml/2006/main)
		echo ooxml/sml.xsd ;;
	http://schemas.openxmlformats.org/drawingml/2006/main)
		echo ooxml/dml-main.xsd ;;
	http://schemas.openxmlformats.org/officeDocument/2006/extended-properties)
		echo ooxml/shared-documentPropertiesExtended.xsd ;;
	http://schemas.openxmlformats.org/package/2006/content-types)
		echo ooxml/opc-xsd/opc-contentTypes.xsd ;;
	http://schemas.openxmlformats.org/package/2006/relationships)
		echo ooxml/opc-xsd/opc-relationships.xsd ;;
	*) echo none ;;
	esac
}

# The root element's namespace of every file, in one awk run (a process
# per file costs minutes on a loaded machine): the root start tag is the
# first one after the XML declaration, on one line in everything tiku or
# libxlsxwriter writes.
find "$x" -type f | sort > "$work/files"
check "the exports hold XML parts to validate" test "$(wc -l < "$work/files")" -gt 1000
tr '\n' '\0' < "$work/files" | xargs -0 awk '
FNR == 1 { done = 0 }
done { next }
{
	line = $0
	sub(/^<\?xml[^>]*\?>/, "", line)
	if (line !~ /</)
		next
	tag = line
	sub(/^[^<]*</, "", tag)
	sub(/[ \t>\/].*/, "", tag)
	prefix = tag ~ /:/ ? substr(tag, 1, index(tag, ":") - 1) : ""
	attr = prefix == "" ? "xmlns=\"" : "xmlns:" prefix "=\""
	ns = "none"
	if ((i = index(line, attr)) > 0) {
		ns = substr(line, i + length(attr))
		ns = substr(ns, 1, index(ns, "\"") - 1)
	}
	print ns "\t" FILENAME
	done = 1
}' > "$work/namespaces"
check "every file has a root element" test \
    "$(wc -l < "$work/namespaces")" = "$(wc -l < "$work/files")"

# core.xml's schema imports the Dublin Core schemas from the web, which
# the shared schemas do not hold: its fields are checked below instead.
grep -v 'docProps/core\.xml$' "$work/namespaces" | cut -f1 | sort -u > "$work/ns-list"
while read -r ns; do
	xsd=$(schema_for "$ns")
	awk -F '\t' -v ns="$ns" '$1 == ns && $2 !~ /docProps\/core\.xml$/ { print $2 }' \
	    "$work/namespaces" > "$work/group"
	n=$(wc -l < "$work/group")
	if [ "$xsd" = none ]; then
		bad "no schema for namespace '$ns' ($n files, first $(head -1 "$work/group"))"
		continue
	fi
	tr '\n' '\0' < "$work/group" | xargs -0 xmllint --noout --nonet \
	    --schema "$schemas/$xsd" > "$work/xmllint.out" 2>&1
	errors=$(grep -v ' validates$' "$work/xmllint.out" | grep -c -v ' fails to validate$')
	if [ "$errors" = 0 ] && ! grep -q -v ' validates$' "$work/xmllint.out"; then
		ok
		echo "  $n files valid against $xsd"
	else
		bad "$errors schema errors in $n files against $xsd"
		grep -v ' validates$' "$work/xmllint.out" | sed "s|$x/||; s/^/    /" | head -20
	fi
done < "$work/ns-list"

# docProps/core.xml, where there is one: the title and the content's date
for f in $(grep 'docProps/core\.xml$' "$work/namespaces" | cut -f2); do
	check "$f: Dublin Core title and created date" sh -c "
	    xmllint --noout '$f' &&
	    test -n \"\$(xmllint --xpath 'string(//*[local-name()=\"title\"])' '$f')\" &&
	    xmllint --xpath 'string(//*[local-name()=\"created\"])' '$f' |
	        grep -q '^2[0-9-]*T[0-9:]*Z\$'"
done

echo "schemas: $pass passed, $fail failed"
test "$fail" = 0
