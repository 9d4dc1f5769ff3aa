#!/bin/sh
# libFuzzer targets of tests/fuzz/: sh tests/fuzz.sh [SECONDS [TARGET...]]
# Builds each target with clang (ASan, UBSan) into tests/build/fuzz/, runs
# the crash reproducers of tests/fuzz/regressions/TARGET/ through it, then
# (unless SECONDS is 0) fuzzes it for SECONDS (default 20) from a corpus in
# tests/build/fuzz/corpus-TARGET, seeded from the content and fixtures and
# kept between runs. Targets: standard, items, template, generator
# (default: all).
# Exit 1 if any input crashed, leaked, hit undefined behaviour or timed
# out (FUZZ_TIMEOUT seconds, default 10; on a starved machine, where a
# 1-second input can wait longer than that, give more); the input is then
# in tests/build/fuzz/artifacts/TARGET/.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
seconds=${1:-20}
[ $# -gt 0 ] && shift
targets=${*:-standard items template generator}
out=tests/build/fuzz
timeout=${FUZZ_TIMEOUT:-10}
case $seconds in
'' | *[!0-9]*) echo "usage: sh tests/fuzz.sh [SECONDS [TARGET...]]" >&2
	exit 2 ;;
esac

# Debian 12: clang is clang-14, whose libFuzzer runtime
# (libclang_rt.fuzzer-x86_64.a) comes with libclang-rt-14-dev.
# Every object of gen/ is linked, so the packages are the Makefile's.
sh gen/ensure-debs.sh clang libclang-rt-14-dev pkg-config libcmark-dev \
    liblua5.4-dev libzip-dev libjansson-dev libglpk-dev libxlsxwriter-dev \
    libfriso-dev libpoppler-glib-dev libxml2-dev libpango1.0-dev \
    libcairo2-dev || exit 2

PKGS=$(sed -n 's/^PKGS *= *//p' Makefile)
DL_PKGS=$(sed -n 's/^DL_PKGS *= *//p' Makefile)   # headers only: dlopen'ed
CC=${FUZZ_CC:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -g -O1"
WARN="-std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
    -Wmissing-prototypes"
CFLAGS="$WARN -D_DEFAULT_SOURCE -Igen -I.build/made $(pkg-config --cflags $PKGS $DL_PKGS)" || exit 2
LIBS="$(pkg-config --libs $PKGS) -lglpk -lm -ldl" || exit 2

# ---- build ----

mkdir -p "$out/obj" || exit 2
# An object is rebuilt when its source, a header or this script is newer.
stale() {
	[ -f "$2" ] || return 0
	for dep in "$1" gen/*/*.h tests/fuzz/fuzz_common.h tests/fuzz.sh; do
		[ "$dep" -nt "$2" ] && return 0
	done
	return 1
}
compile() {     # source object extra-flags
	stale "$1" "$2" || return 0
	echo "  CC $1"
	$CC $CFLAGS $SAN $3 -c -o "$2" "$1"
}
objs=""
for src in gen/*/*.c; do
	obj="$out/obj/$(basename "$src" .c).o"
	compile "$src" "$obj" -fsanitize=fuzzer-no-link || exit 2
	objs="$objs $obj"
done
compile tests/fuzz/fuzz_common.c "$out/obj/fuzz_common.o" -Werror || exit 2
for t in $targets; do
	src=tests/fuzz/fuzz_$t.c
	[ -f "$src" ] || { echo "fuzz: no target '$t' ($src)" >&2; exit 2; }
	compile "$src" "$out/obj/fuzz_$t.o" "-fsanitize=fuzzer-no-link -Werror" ||
		exit 2
	$CC $SAN -fsanitize=fuzzer -o "$out/fuzz_$t" "$out/obj/fuzz_$t.o" \
	    "$out/obj/fuzz_common.o" $objs $LIBS || exit 2
done

# ---- seed corpora ----

fs=$(printf '\034') gs=$(printf '\035')
# A standard bundle: the .md files of DIR/standard joined by 0x1C, then
# 0x1D and DIR/settings.md (see tests/fuzz/fuzz_standard.c).
bundle() {
	first=1
	for f in "$1"/standard/*.md; do
		[ "$(basename "$f")" = README.md ] && continue
		[ $first = 1 ] || printf '%s' "$fs"
		first=0
		cat "$f"
	done
	if [ -f "$1/settings.md" ]; then
		printf '%s' "$gs"
		cat "$1/settings.md"
	fi
}

seed_standard() {
	c=$out/corpus-standard
	mkdir -p "$c"
	for f in content/standard/*.md tests/fixtures/other/standard/*.md; do
		[ "$(basename "$f")" = README.md ] && continue
		cp "$f" "$c/seed-$(echo "$f" | tr / _)"
	done
	bundle content > "$c/seed-content"
	bundle tests/fixtures/other > "$c/seed-other"
	# the lint fixtures that change the standard or the settings, applied
	# to tests/fixtures/other as tests/lint.sh does
	for fx in tests/lint/*/; do
		name=$(basename "$fx")
		[ -d "$fx/content/standard" ] || [ -f "$fx/content/settings.md" ] ||
		    { [ -f "$fx/delete" ] && grep -q standard/ "$fx/delete"; } ||
		    continue
		dir=$out/lint/$name
		rm -rf "$dir" && mkdir -p "$dir"
		cp -R tests/fixtures/other "$dir/content"
		[ -d "$fx/content" ] && cp -R "$fx/content/." "$dir/content/"
		[ -f "$fx/delete" ] && (cd "$dir" && xargs rm -f < "$top/$fx/delete")
		bundle "$dir/content" > "$c/seed-lint-$name"
	done
	rm -rf "$out/lint"
}

# Items one by one (a '## ' heading to the next), a few whole files, and
# the bad-item fixtures of tests/lint.
seed_items() {
	c=$out/corpus-items
	mkdir -p "$c"
	for f in content/items/*.md tests/fixtures/other/items/*.md; do
		[ "$(basename "$f")" = README.md ] && continue
		awk -v stem="$c/seed-$(basename "$f" .md)-" '
			/^## / { if (file) close(file)
				file = sprintf("%s%03d", stem, ++n) }
			file { print > file }' "$f"
	done
	for f in content/items/B-2.2.2.md tests/fixtures/other/items/L5-F1.md; do
		cp "$f" "$c/seed-whole-$(basename "$f")"
	done
	for f in tests/lint/items-*/content/items/*.md; do
		[ -f "$f" ] || continue
		cp "$f" "$c/seed-lint-$(echo "$f" | cut -d/ -f3)"
	done
}

seed_template() {
	c=$out/corpus-template
	mkdir -p "$c"
	for f in templates/*.html tests/templates/*.html; do
		cp "$f" "$c/seed-$(echo "$f" | tr / _)"
	done
}

# The project's generators and the generator fixtures of tests/lint.
seed_generator() {
	c=$out/corpus-generator
	mkdir -p "$c"
	for f in content/generators/*.lua tests/lint/generator-*/content/generators/*.lua; do
		[ -f "$f" ] && cp "$f" "$c/seed-$(echo "$f" | tr / _)"
	done
}

# ---- run ----

# The targets write each input to files: on tmpfs when there is one (on
# ext4, rewriting a file flushes it, several times slower).
scratch=$(mktemp -d /dev/shm/tiku-fuzz.XXXXXX 2>/dev/null) ||
	{ scratch=$top/$out/tmp; rm -rf "$scratch"; mkdir -p "$scratch"; }
trap 'rm -rf "$scratch"' EXIT
trap 'exit 2' INT TERM
export TMPDIR="$scratch" TIKU_TOP="$top"

failed=0
summary=""
for t in $targets; do
	bin=$out/fuzz_$t
	art=$out/artifacts/$t
	log=$out/fuzz-$t.log
	mkdir -p "$art"

	regressions=$(ls tests/fuzz/regressions/$t/* 2>/dev/null)
	if [ -n "$regressions" ]; then
		n=$(echo "$regressions" | wc -l)
		if ./"$bin" -rss_limit_mb=2048 -timeout="$timeout" $regressions \
		    > "$out/regressions-$t.log" 2>&1; then
			echo "fuzz $t: $n regression input(s) pass"
		else
			echo "fuzz $t: a regression input fails:"
			grep -E "Running:|ERROR|SUMMARY|runtime error" \
			    "$out/regressions-$t.log" | sed 's/^/    /' | grep . ||
			    tail -n 5 "$out/regressions-$t.log" | sed 's/^/    /'
			echo "    (log: $out/regressions-$t.log)"
			failed=1
			summary="$summary
  $t: regression failed"
			continue
		fi
	fi

	[ "$seconds" = 0 ] && continue
	seed_$t
	dict=""
	[ -f tests/fuzz/$t.dict ] && dict=-dict=tests/fuzz/$t.dict
	echo "fuzz $t: ${seconds}s"
	./"$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout="$timeout" \
	    -print_final_stats=1 -artifact_prefix="$art/" $dict \
	    "$out/corpus-$t" > "$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log")
	secs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$log")
	if [ "$rc" != 0 ] || [ -z "$runs" ]; then
		failed=1
		echo "fuzz $t: FAILED (exit $rc); the input is in $art/:"
		grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" |
		    sed 's/^/    /' | grep . || tail -n 5 "$log" | sed 's/^/    /'
		echo "    (log: $log)"
		summary="$summary
  $t: FAILED"
	else
		[ "$secs" -gt 0 ] 2>/dev/null || secs=1
		summary="$summary
  $t: $runs runs in ${secs}s ($((runs / secs))/s), corpus $(ls "$out/corpus-$t" | wc -l) inputs"
	fi
done
[ -n "$summary" ] || summary=" no fuzzing (0 s)"
echo "fuzz:$summary"
exit $failed
