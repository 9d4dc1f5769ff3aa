#!/bin/sh
# gen/ has one folder per stage, ranked from the bottom up; a file may
# include headers of its own folder and of lower-ranked folders only, so no
# include runs back up and no two folders need each other.
cd "$(dirname "$0")/.." || exit 2
rank() {
	case $1 in
	core) echo 0 ;;
	read | script) echo 1 ;;
	bank) echo 2 ;;
	plan) echo 3 ;;
	write) echo 4 ;;
	analyse) echo 5 ;;
	*) echo 99 ;;
	esac
}
bad=0
for f in gen/*/*.c gen/*/*.h; do
	dir=$(basename "$(dirname "$f")")
	mine=$(rank "$dir")
	if [ "$mine" = 99 ]; then
		echo "layout: $f: folder '$dir' has no rank in tests/layout.sh"
		bad=1
		continue
	fi
	for inc in $(sed -n 's/^#include "\([a-z_]*\)\/[a-z_]*\.h".*/\1/p' "$f" | sort -u); do
		[ "$inc" = "$dir" ] && continue
		theirs=$(rank "$inc")
		if [ "$theirs" -ge "$mine" ]; then
			echo "layout: $f includes a header of $inc/, which is not below $dir/"
			bad=1
		fi
	done
	if grep -q '^#include "[^/]*"' "$f"; then
		echo "layout: $f: include gen headers as \"folder/name.h\""
		bad=1
	fi
done
[ $bad = 0 ] && echo "layout: every include points down"
exit $bad
