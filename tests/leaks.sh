#!/bin/sh
# The whole pipeline under AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer: the site build, parallel and per-candidate
# papers in every format, every export, and runs that fail on bad content.
# Any leak, overflow or undefined behaviour aborts the run (exit 1), and
# the sanitized build must write the same site as the plain one.
# Usage: tests/leaks.sh PATH-TO-SANITIZED-TIKU
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
asan=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work="$top/tests/build/leaks"
rm -rf "$work" && mkdir -p "$work"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
# leaks inside libraries that no call of ours can free (see the file)
export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp
# PDF runs unwind every allocation in full: libcairo has no frame
# pointers, and the suppression needs the frame that names cairo's call
pdf_asan="detect_leaks=1:abort_on_error=0:exitcode=99:fast_unwind_on_malloc=0"
pass=0 fail=0

run() {                         # run NAME EXPECTED-EXIT COMMAND...
	name=$1 want=$2; shift 2
	"$@" > "$work/last.out" 2>&1
	got=$?
	if [ "$got" = "$want" ] && ! grep -q 'Sanitizer' "$work/last.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name (exit $got, wanted $want)"
		grep -A12 'Sanitizer' "$work/last.out" | head -30
	fi
}

run "site build" 0 "$asan" build --out "$work/site"
run "the sanitized build writes the plain build's site" 0 \
    sh -c "'$top/gen/tiku' build --out '$work/plain-site' && diff -r '$work/plain-site' '$work/site'"
run "three parallel forms, every format" 0 "$asan" paper --level 3 --kind theory \
    --forms 3 --format html,epub,json,docx,moodle,qti --out "$work/p3"
run "a skill set" 0 "$asan" paper --level 2 --kind skill --format html,docx,qti --out "$work/p2"
run "200 per-candidate papers" 0 "$asan" paper --level 4 --kind theory \
    --candidates 200 --format json --out "$work/c4"
run "PDF papers, keys and answer sheets" 0 env ASAN_OPTIONS="$pdf_asan" \
    "$asan" paper --level 3 --kind theory --forms 2 --format pdf --out "$work/pdf3"
run "the skill-exam document set as PDF" 0 env ASAN_OPTIONS="$pdf_asan" \
    "$asan" paper --level 2 --kind skill --format pdf --out "$work/pdf2"
run "the course kit, every format" 0 env ASAN_OPTIONS="$pdf_asan" \
    "$asan" course --level 2 --skip 2024-02-05 \
    --format json,ics,docx,xlsx,html,pdf --out "$work/course2"
run "bad input: every course fixture" 0 env ASAN_OPTIONS="$pdf_asan" \
    sh -c "TIKU='$asan' sh tests/course.sh"
run "audit" 0 "$asan" audit "$work/p3/manifest-L3-theory.json"
for f in moodle qti xlsx; do
	run "export $f" 0 "$asan" export --level 1 --format "$f" --out "$work/bank1.$f"
done
run "lint --coverage" 0 "$asan" lint --coverage
run "bad content: every lint fixture" 0 sh -c "TIKU='$asan' sh tests/lint.sh"
run "lint --quality on the default content" 0 sh -c "'$asan' lint --quality; [ \$? -le 1 ]"
run "import: every fixture, and the shipped text" 0 sh -c "TIKU='$asan' sh tests/import.sh"
[ -f "$top/../shared/standard/digital-twin-technician-2024.txt" ] &&
	run "import the shipped text" 0 "$asan" import \
	    "$top/../shared/standard/digital-twin-technician-2024.txt" --out "$work/imported"
run "init, and the todo stubs of its bank" 1 sh -c "'$asan' init '$work/new' &&
    '$asan' lint --content '$work/new' --coverage --todo > /dev/null"
run "an infeasible request" 1 "$asan" paper --level 3 --kind theory --forms 26 --out "$work/no"
echo "leaks: $pass passed, $fail failed"
[ "$fail" = 0 ]
