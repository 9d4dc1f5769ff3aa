#!/bin/sh
# Bad-input fixtures: each tests/lint/NAME/ holds files that replace (or,
# listed in NAME/delete, remove) files of the small second standard in
# tests/fixtures/other, and NAME/expected, the exact output of
# `tiku lint` on the result (parametric item generators go in the
# content's generators/ folder like any other file); NAME/args holds more
# options for tiku lint (--quality). Prints "N passed, N failed".
# With --update, rewrites every expected file from the current output.
top=$(cd "$(dirname "$0")/.." && pwd)
tiku="${TIKU:-$top/gen/tiku}"
work="$top/tests/build/lint"
pass=0 fail=0
for fx in "$top"/tests/lint/*/; do
	name=$(basename "$fx")
	dir="$work/$name"
	rm -rf "$dir" && mkdir -p "$dir"
	cp -R "$top/tests/fixtures/other" "$dir/content"
	[ -d "$fx/content" ] && cp -R "$fx/content/." "$dir/content/"
	[ -f "$fx/delete" ] && (cd "$dir" && xargs rm -f < "$fx/delete")
	args=$(cat "$fx/args" 2>/dev/null)
	# shellcheck disable=SC2086 # args is a list of options
	(cd "$dir" && "$tiku" lint --content content --lua "$top/lua" $args > out 2>&1; echo "exit $?" >> out)
	if [ "${1:-}" = --update ]; then
		cp "$dir/out" "$fx/expected"
	fi
	if cmp -s "$dir/out" "$fx/expected"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL lint/$name:"
		diff "$fx/expected" "$dir/out" | sed 's/^/    /'
	fi
done
echo "lint fixtures: $pass passed, $fail failed"
[ "$fail" = 0 ]
