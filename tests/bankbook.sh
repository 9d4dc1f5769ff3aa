#!/bin/sh
# A level's bank as an ePub (called by tests/e2e.sh): a document per
# section of the count table and a key document per section; the items of
# each numbered 1, 2, …; every item linked to its key entry and every key
# entry back to its item; labels separated by " · " ("难度 2 · L2-…");
# no <details>; and the book's items are the bank JSON's.
# Usage: bankbook.sh BOOK.epub BANK.json. Prints what is wrong; exit 1.
book=$(realpath "$1") json=$(realpath "$2")
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
unzip -q "$book" -d "$dir" || exit 1
cd "$dir"/OEBPS 2>/dev/null || cd "$dir" || exit 1
fail() {
	echo "bankbook: $(basename "$book"): $*"
	exit 1
}
ids() {
	sed -n "s/.*$1.*/\\1/p" "$2" | sort
}

rows=$(grep -c '<th scope="row"><a href="part-[0-9]*\.xhtml#sec-' bank.xhtml)
[ "$rows" -gt 0 ] || fail "the count table links no section document"
[ "$(ls part-*.xhtml | wc -l)" = "$rows" ] && [ "$(ls key-*.xhtml | wc -l)" = "$rows" ] ||
    fail "$rows sections, $(ls part-*.xhtml | wc -l) part and $(ls key-*.xhtml | wc -l) key documents"
! grep -l '<details' ./*.xhtml || fail "answers behind <details>"
: > all
i=1
while [ "$i" -le "$rows" ]; do
	p=part-$i.xhtml k=key-$i.xhtml
	grep -o '<span class="qno">[0-9]*\.</span>' "$p" | sed 's/[^0-9]//g' > nums
	[ -s nums ] || fail "$p holds no item"
	seq 1 "$(wc -l < nums)" | cmp -s - nums || fail "$p: items not numbered 1, 2, …"
	n=$(grep -c '<p class="item-meta"><span class="qno">[0-9]*\.</span> [^<·]* · 难度 [1-5] · ' "$p")
	[ "$n" = "$(wc -l < nums)" ] || fail "$p: $n of $(wc -l < nums) items with labels separated by ' · '"
	ids '<div class="item" id="\([^"]*\)">' "$p" > items
	ids "<a href=\"$k#key-\\([^\"]*\\)\">" "$p" > to_key
	ids '<div class="key-entry" id="key-\([^"]*\)">' "$k" > entries
	ids "<a href=\"$p#\\([^\"]*\\)\">" "$k" > back
	cmp -s items to_key || fail "$p: not every item links to its entry in $k"
	cmp -s items entries || fail "$k: its entries are not the items of $p"
	cmp -s items back || fail "$k: not every entry links back to its item in $p"
	cat items >> all
	i=$((i + 1))
done
sort all > all.sorted
jq -r '.items[].id' "$json" | sort > want
cmp -s all.sorted want || fail "$(wc -l < all.sorted) items in the book, $(wc -l < want) in the bank"
