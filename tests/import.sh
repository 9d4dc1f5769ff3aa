#!/bin/sh
# The importer: tests/import/warehouse/standard.txt (a standard of another
# occupation laid out as published text, with its artefacts) imports to
# warehouse/expected/ with the messages in warehouse/messages; each other
# tests/import/NAME/ holds edit.sed, an edit of that text making one kind
# of unclear input, and messages, the exact output of `tiku import`.
# With --update, rewrites the expectations. Prints "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
tiku="${TIKU:-$top/gen/tiku}"
work="$top/tests/build/import"
here="$top/tests/import"
pass=0 fail=0
rm -rf "$work" && mkdir -p "$work"
for fx in "$here"/*/; do
	name=$(basename "$fx")
	dir="$work/$name"
	mkdir -p "$dir"
	if [ -f "$fx/edit.sed" ]; then
		sed -f "$fx/edit.sed" "$here/warehouse/standard.txt" > "$dir/standard.txt"
	else
		cp "$fx/standard.txt" "$dir/standard.txt"
	fi
	(cd "$dir" && "$tiku" import standard.txt --out out > messages 2>&1; echo "exit $?" >> messages)
	if [ "${1:-}" = --update ]; then
		cp "$dir/messages" "$fx/messages"
		[ -f "$fx/edit.sed" ] || { rm -rf "$fx/expected"; cp -R "$dir/out" "$fx/expected"; }
	fi
	if cmp -s "$dir/messages" "$fx/messages" &&
	    { [ -f "$fx/edit.sed" ] || diff -r "$fx/expected" "$dir/out" > "$dir/diff"; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL import/$name:"
		diff "$fx/messages" "$dir/messages" | sed 's/^/    /'
		[ -f "$dir/diff" ] && sed 's/^/    /' "$dir/diff" | head -20
	fi
done
echo "import fixtures: $pass passed, $fail failed"
[ "$fail" = 0 ]
