#!/bin/sh
# What tiku writes, and what it refuses to touch. --out replaces only a
# tree tiku wrote; never the content, templates or Lua directories, one
# holding them, the working directory or /; checked before any work, and
# everything outside --out hashes the same afterwards. Failed writes,
# standard output included, exit 2 and leave the previous file; a paper
# set appears whole or not at all. Crashes of the first hardening pass
# (audit, generators) and numbers on the command line. Prints
# "outputs: N passed, N failed"; exits 1 on failure.
top=$(cd "$(dirname "$0")/.." && pwd)
tiku="$top/gen/tiku"
work="$top/tests/build/outputs"
rm -rf "$work" && mkdir -p "$work"
. "$top/tests/lib.sh"

# runs CMD... in the project, keeping its output and exit status
run() {
	out=$1; shift
	(cd "$proj" && "$@") > "$work/$out" 2>&1
	echo "exit $?" >> "$work/$out"
}
# the exact output and exit status of a run
expect() {
	check "$1" sh -c "printf '%s\n' \"\$1\" | cmp -s - '$work/$2' ||
	    { cat '$work/$2'; exit 1; }" _ "$3"
}
# every file of the project but out/ and site/, with its hash
tree_hash() {
	(cd "$proj" && find . \( -path ./out -o -path ./site \) -prune -o -type f -print |
	    LC_ALL=C sort | xargs sha256sum | sha256sum)
}

# a project: content, templates, Lua modules and a repository
proj="$work/proj"
mkdir -p "$proj/.git" "$proj/mine"
cp -R "$top/tests/fixtures/other" "$proj/content"
cp -R "$top/templates" "$top/lua" "$proj/"
echo "ref: refs/heads/main" > "$proj/.git/HEAD"
echo "my notes" > "$proj/mine/notes.txt"
before=$(tree_hash)

# --- --out: refused before any work ---
refused() {     # NAME OUT MESSAGE
	run refused.out "$tiku" build --content content --out "$2"
	expect "build --out $2: $1" refused.out "tiku: --out $2: $3; choose another --out
exit 2"
}
refused "the content" content "refusing to replace the input directory content"
refused "the templates" templates "refusing to replace the input directory templates"
refused "the Lua modules" lua "refusing to replace the input directory lua"
refused "the working directory" . "refusing to replace the working directory or one that holds it"
refused "the directory holding the project" .. "refusing to replace the working directory or one that holds it"
refused "the project by another name" ../proj "refusing to replace the working directory or one that holds it"
refused "the root" / "refusing to replace the root directory"
refused "a directory tiku did not write" mine \
    "refusing to replace a directory that tiku did not write (it has no .tiku-output)"
refused "a file" content/papers.md "refusing to write into the input directory content"
run into.out "$tiku" bank --content content --level 5 --out content/items
expect "bank --out into the content is refused" into.out \
    "tiku: --out content/items: refusing to write into the input directory content; choose another --out
exit 2"
run into.out "$tiku" export --content content --level 5 --format moodle \
    --out templates/x.xml
expect "export --out into the templates is refused" into.out \
    "tiku: --out templates: refusing to write into the input directory templates; choose another --out
exit 2"
check "nothing outside --out changed" test "$(tree_hash)" = "$before"

# a tree tiku wrote is marked, and replaced
run build.out "$tiku" build --content content --out out
check "a build into a new directory works" grep -q '^exit 0' "$work/build.out"
check "and marks it as tiku's" test -f "$proj/out/.tiku-output"
echo "stale" > "$proj/out/stale.html"
run build.out "$tiku" build --content content --out out
check "a second build replaces the tree" test ! -e "$proj/out/stale.html"
check "nothing outside --out changed after two builds" test "$(tree_hash)" = "$before"

# --- failed writes ---
for cmd in "bank --level 5 --format json" "syllabus --level 5 --format json" \
    "dump --json" "export --level 5 --format moodle"; do
	(cd "$proj" && "$tiku" $cmd --content content > /dev/full) > "$work/full.out" 2>&1
	echo "exit $?" >> "$work/full.out"
	expect "$cmd to a full standard output exits 2" full.out \
	    "tiku: standard output: No space left on device
exit 2"
done
run moodle.out "$tiku" export --content content --level 5 --format moodle --out x.xml
cp "$proj/x.xml" "$work/x.before"
(cd "$proj" && trap '' XFSZ && ulimit -f 1 && exec "$tiku" export --content content \
    --level 5 --format moodle --out x.xml) > "$work/efbig.out" 2>&1
check "a Moodle export that cannot be written exits 2" test $? = 2
check "and says why" grep -q '^tiku: x.xml: File too large' "$work/efbig.out"
check "the previous export is intact" cmp "$work/x.before" "$proj/x.xml"
check "no temporary file is left" sh -c "! ls '$proj'/x.xml.tmp-* 2> /dev/null"
rm "$proj/x.xml"

# a paper set appears whole: a failure midway leaves the previous set
(cd "$top" && "$tiku" paper --level 5 --kind theory --forms 2 --seed 1 \
    --format html,json,qti --out "$work/set") > /dev/null 2>&1 ||
    bad "a paper set is written"
cp -R "$work/set" "$work/set.before"
(cd "$top" && trap '' XFSZ && ulimit -f 120 && exec "$tiku" paper --level 5 \
    --kind theory --forms 2 --seed 2 --format html,json,qti --out "$work/set") \
    > "$work/set.out" 2>&1
check "a paper set that fails midway exits 2" test $? = 2
check "and leaves the previous set byte-identical" diff -r "$work/set.before" "$work/set"

# --- the command line ---
run cli.out "$tiku" syllabus --content content --level 4294967301
expect "--level past 32 bits is refused, not wrapped" cli.out \
    "tiku syllabus: --level takes a whole number 1-9, not '4294967301'
exit 2"
run cli.out "$tiku" build --content content --seed 9223372036854775808 --out out
expect "a seed of 2^63 is refused" cli.out \
    "tiku build: --seed takes a whole number 0-9223372036854775807, not '9223372036854775808'
exit 2"
run cli.out "$tiku" paper --content content --level 5 --forms 3x
expect "--forms with trailing text is refused" cli.out \
    "tiku paper: --forms takes a whole number 1-26, not '3x'
exit 2"
run cli.out "$tiku" paper --content content --level 5
expect "paper without --kind is refused" cli.out \
    "tiku paper: say which paper: --kind theory, skill or review
exit 2"
check "and writes nothing" test "$(tree_hash)" = "$before"

# --- each diagnostic once ---
printf '\n## X-1\n\n- 知识点：L5-K1.1.1\n- 题型：填空题\n- 难度：1\n\n题。\n\n答案：正确\n\n解析：略。\n' \
    > "$proj/content/items/x.md"
for cmd in "build --out out" "audit $work/none.json" "lint"; do
	echo '{}' > "$work/none.json"
	run once.out "$tiku" $cmd --content content
	check "$cmd prints a problem once" test \
	    "$(grep -c "unknown 题型 '填空题'" "$work/once.out")" = 1
done
rm "$proj/content/items/x.md"

# --- audit of a manifest it did not write ---
(cd "$top" && "$tiku" paper --level 5 --kind theory --format json) \
    > "$work/m.json" 2> /dev/null || bad "a manifest is drawn"
jq '.forms[0].items[0] |= del(.id)' "$work/m.json" > "$work/noid.json"
jq '.forms[0].items[0].id = 5' "$work/m.json" > "$work/numid.json"
for m in noid numid; do
	(cd "$top" && "$tiku" audit "$work/$m.json") > "$work/audit.out" 2>&1
	check "audit of an item with a $m: exit 1" test $? = 1
	check "naming the item" grep -q '^form A: item 1 has no id string$' "$work/audit.out"
done

# --- per-candidate papers: memory flat in their number ---
# peak resident memory (KiB) of 40 and of 400 papers in the default
# formats (HTML, ePub, manifest); held in memory they cost 295 KB each
for n in 40 400; do
	rm -rf "$work/cand-$n"
	(cd "$top" && /usr/bin/time -f '%M' -o "$work/cand-$n.kib" "$tiku" paper \
	    --level 3 --kind theory --candidates $n --seed 1 --out "$work/cand-$n") \
	    > "$work/cand.out" 2>&1 || bad "$n per-candidate papers are written"
done
check "400 per-candidate papers: HTML, ePub and manifest" test \
    "$(ls "$work/cand-400" | grep -c '^paper-L3-theory-.*\.html$')" = 400
check "the manifest lists all 400" test \
    "$(jq '.forms | length' "$work/cand-400/manifest-L3-theory.json")" = 400
check "400 papers take less than 16 MiB more than 40" test \
    $(( $(tail -1 "$work/cand-400.kib") - $(tail -1 "$work/cand-40.kib") )) -lt 16384
echo "outputs: per-candidate peak: 40 papers $(( $(tail -1 "$work/cand-40.kib") / 1024 )) MiB, 400 papers $(( $(tail -1 "$work/cand-400.kib") / 1024 )) MiB"

# --- audit is linear in the forms: 1,000 forms (quadratic: about 6 min) ---
(cd "$top" && "$tiku" paper --level 3 --kind theory --candidates 1000 --seed 2 \
    --format json) > "$work/m1000.json" 2> /dev/null || bad "1,000 forms are drawn"
(cd "$top" && timeout 60 "$tiku" audit "$work/m1000.json") > "$work/audit.out" 2>&1
check "audit of 1,000 forms ends within a minute and passes" test $? = 0

echo "outputs: $pass passed, $fail failed"
[ "$fail" = 0 ]
