#!/bin/sh
# Failures and extremes. A build that cannot finish (a write fails: the
# file-size limit, a full tmpfs; or the process is killed) leaves the
# previous site byte-identical. Very large inputs (a 50 MB Markdown file,
# 100,000 items, a 10,000-line template) are handled within bounded memory
# or refused with a clear error; peak memory is printed for the README.
# Prints "robust: N passed, N failed"; exits 1 on failure.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
tiku="$top/gen/tiku"
work="$top/tests/build/robust"
other="$top/tests/fixtures/other"
rm -rf "$work" && mkdir -p "$work"
. "$top/tests/lib.sh"
# peak resident memory of a command in MiB (GNU time), its exit status in $?
peak() {
	out=$1; shift
	/usr/bin/time -f '%M' -o "$work/time.out" "$@" > "$out" 2>&1
	rc=$?
	echo $(( $(tail -1 "$work/time.out") / 1024 )) > "$out.mib"
	return $rc
}

# --- nothing lost ---
"$tiku" build --content "$other" --out "$work/site" > /dev/null 2>&1 ||
    bad "the small site builds"
cp -R "$work/site" "$work/site.before"

# a write fails midway: files may not grow past 64 KiB (EFBIG; the signal
# that would kill the process is ignored, as a full disk does not send one)
(trap '' XFSZ; ulimit -f 128; exec "$tiku" build --out "$work/site") \
    > "$work/efbig.out" 2>&1
check "a failed write exits 2" test $? = 2
check "and says which file and why" grep -q 'File too large' "$work/efbig.out"
check "the previous site is byte-identical" diff -r "$work/site.before" "$work/site"
check "no temporary directory is left" sh -c "! ls -d '$work'/site.tmp-* 2> /dev/null"

# the disk fills up: a 1 MiB tmpfs, where the site was built before
if mkdir -p "$work/tmpfs" && mount -t tmpfs -o size=1m tmpfs "$work/tmpfs" 2> /dev/null; then
	"$tiku" build --content "$other" --out "$work/tmpfs/site" > /dev/null 2>&1 ||
	    bad "the small site fits the tmpfs"
	cp -R "$work/tmpfs/site" "$work/tmpfs-before"
	"$tiku" build --out "$work/tmpfs/site" > "$work/enospc.out" 2>&1
	check "a full disk exits 2" test $? = 2
	check "and says so" grep -q 'No space left on device' "$work/enospc.out"
	check "the previous site on the full disk is byte-identical" \
	    diff -r "$work/tmpfs-before" "$work/tmpfs/site"
	umount "$work/tmpfs"
else
	echo "robust: no tmpfs here (mount refused); the file-size test covers failing writes"
fi

# killed midway: the site in place is still the previous one
# (killed with its level workers as soon as the new tree has begun: a
# fixed sleep outlasts a sub-second build; stopped first so that it forks
# no worker between the two kills)
"$tiku" build --out "$work/site" > /dev/null 2>&1 &
build=$!
n=0
while [ $n -lt 1000 ] && ! ls -d "$work"/site.tmp-* > /dev/null 2>&1; do
	sleep 0.01
	n=$((n + 1))
done
kill -STOP $build 2> /dev/null
pkill -9 -P $build
kill -9 $build 2> /dev/null
wait $build 2> /dev/null
check "the build was killed while writing its new tree" \
    sh -c "ls -d '$work'/site.tmp-* > /dev/null"
check "a killed build leaves the previous site byte-identical" \
    diff -r "$work/site.before" "$work/site"
rm -rf "$work"/site.tmp-*

# --- paths: content cannot lead tiku out of its directory ---
cp -R "$other" "$work/paths"
ln -s /etc/passwd "$work/paths/items/passwd.md"
ln -s /etc "$work/paths/standard/etc"
mkdir "$work/paths/shared" && cp "$other/items/L5-F1.md" "$work/paths/shared/L5-F1.md"
rm "$work/paths/items/L5-F1.md" && ln -s ../shared/L5-F1.md "$work/paths/items/L5-F1.md"
: > "$work/paths/items/bad$(printf '\033')name.md"
"$tiku" lint --content "$work/paths" > "$work/paths.out" 2>&1
check "links out of the content and control characters in names: exit 1" test $? = 1
check "a link to a file outside is named, with its target" grep -qF \
    "paths/items/passwd.md: a symbolic link out of the content directory (to /etc/passwd); copy it into the content instead" "$work/paths.out"
check "so is a link to a directory outside" grep -qF \
    "paths/standard/etc: a symbolic link out of the content directory (to /etc)" "$work/paths.out"
check "a control character in a file name is shown escaped" grep -qF \
    "paths/items: the name 'bad\\x1Bname.md' holds a control character; rename it" "$work/paths.out"
check "all three together, nothing else" grep -q '^tiku: 3 problems found; nothing was written' "$work/paths.out"
rm "$work/paths/items/passwd.md" "$work/paths/standard/etc" "$work/paths/items/bad"*
check "a link that stays inside the content is read" "$tiku" lint --content "$work/paths"
printf '\n## W5-009\n\n- 知识点：L5-K1.1.1\n- 题型：判断题\n- 难度：1\n\n到货\000验收。\n\n答案：正确\n\n解析：验收。\n' \
    >> "$work/paths/shared/L5-F1.md"
"$tiku" lint --content "$work/paths" > "$work/nul.out" 2>&1
check "a NUL in Markdown is an error with its line" grep -q \
    'items/L5-F1.md:[0-9]*: control character U+0000; remove it' "$work/nul.out"
sed -i '/^## W5-009$/,$d' "$work/paths/shared/L5-F1.md"
sed -i 's/^## W5-001$/## ..\/..\/etc\/x/' "$work/paths/shared/L5-F1.md"
"$tiku" lint --content "$work/paths" > "$work/id.out" 2>&1
check "an item id with ../ is refused" grep -q \
    "item id '../../etc/x' may hold letters, digits, '.' and '-' only" "$work/id.out"

# only regular files are read: a FIFO would hang lint, a device feed it
# until memory runs out (each under a time bound, in case it does)
cp -R "$other" "$work/odd"
mkfifo "$work/odd/items/fifo.md"
mknod "$work/odd/items/zero.md" c 1 5 2> /dev/null ||
    echo "robust: mknod refused here; the FIFO and the socket cover odd files"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
    "$work/odd/standard/sock.md"
timeout 60 "$tiku" lint --content "$work/odd" > "$work/odd.out" 2>&1
check "a FIFO, a device and a socket in the content: exit 1, no hang" test $? = 1
check "the FIFO is named" grep -qF \
    "odd/items/fifo.md: a FIFO, not a regular file; remove it" "$work/odd.out"
[ -c "$work/odd/items/zero.md" ] && check "the device is named" grep -qF \
    "odd/items/zero.md: a device, not a regular file; remove it" "$work/odd.out"
check "the socket is named" grep -qF \
    "odd/standard/sock.md: a socket, not a regular file; remove it" "$work/odd.out"

# templates and Lua modules are confined as the content is
cp -R templates "$work/tpl-out" && cp -R lua "$work/lua-out"
rm "$work/tpl-out/style.css" && ln -s /etc/passwd "$work/tpl-out/style.css"
ln -s / "$work/tpl-out/root"
ln -s /etc/passwd "$work/lua-out/passwd.lua"
timeout 60 "$tiku" build --content "$other" --templates "$work/tpl-out" \
    --lua "$work/lua-out" --out "$work/escape-site" > "$work/escape.out" 2>&1
check "links out of the templates and the Lua modules: exit 1" test $? = 1
check "a template linked to a file outside is named" grep -qF \
    "tpl-out/style.css: a symbolic link out of the templates directory (to /etc/passwd); copy it into the templates instead" \
    "$work/escape.out"
check "so is a link to / among the templates" grep -qF \
    "tpl-out/root: a symbolic link out of the templates directory (to /)" "$work/escape.out"
check "and a Lua module linked outside" grep -qF \
    "lua-out/passwd.lua: a symbolic link out of the Lua modules directory (to /etc/passwd)" \
    "$work/escape.out"
check "nothing was published" test ! -e "$work/escape-site"

# images of the content: copied into the site and the ePubs, pointed at
# from every depth, nothing fetched from the network (the refusals are
# tests/lint/items-images)
cp -R "$other" "$work/img"
mkdir -p "$work/img/images/sub"
cp tests/lint/items-images/content/images/pallet.png "$work/img/images/"
cp tests/lint/items-images/content/images/pallet.png "$work/img/images/sub/rack.png"
sed -i '0,/^到货验收时发现外包装破损/s//![破损的外包装](..\/images\/pallet.png)\n\n&/' \
    "$work/img/items/L5-F1.md"
sed -i 's/^解析：包装破损须先/解析：![货架](..\/images\/sub\/rack.png)包装破损须先/' \
    "$work/img/items/L5-F1.md"
"$tiku" build --content "$work/img" --out "$work/img-site" > "$work/img.out" 2>&1
check "a site with local images builds" test $? = 0
check "the images are copied under media/" cmp \
    tests/lint/items-images/content/images/pallet.png "$work/img-site/media/images/pallet.png"
check "a nested one too" test -f "$work/img-site/media/images/sub/rack.png"
check "the bank page points one level up" grep -qF \
    '<img src="../media/images/sub/rack.png" alt="货架" />' "$work/img-site/L5/bank-3.html"
check "so does the practice data" grep -qF \
    '<img src=\"../media/images/pallet.png\"' "$work/img-site/data/L5.js"
check "every image of every page resolves to a file" sh -c "cd '$work/img-site' &&
    find . -name '*.html' | while read -r f; do
	grep -o '<img src=\"[^\"]*\"' \"\$f\" | sed 's/^<img src=\"//; s/\"\$//' |
	while read -r src; do test -f \"\$(dirname \"\$f\")/\$src\" || exit 1; done || exit 1
    done"
check "the service worker caches them" grep -qF '"media/images/pallet.png"' "$work/img-site/sw.js"
check "no page loads anything from the network" sh -c \
    "! grep -rlE '(src|href)=\"(https?:)?//' '$work/img-site' --include='*.html'"
unzip -l "$work/img-site/downloads/bank-L5.epub" > "$work/img-epub.out"
check "the bank ePub holds the images" grep -q 'OEBPS/media/images/sub/rack.png' "$work/img-epub.out"
check "and epubcheck passes it" java -jar /usr/share/java/epubcheck.jar \
    "$work/img-site/downloads/bank-L5.epub"
# a paper set (tiku paper --out) shows the images of its keys: copied
# beside the pages and into the set's ePub
cp -R content "$work/img2"
mkdir -p "$work/img2/images"
cp tests/lint/items-images/content/images/pallet.png "$work/img2/images/p.png"
sed -i 's/^解析：/解析：![图](..\/images\/p.png)/' "$work/img2/items/"*.md
"$tiku" paper --content "$work/img2" --level 3 --kind theory --forms 1 --seed 1 \
    --out "$work/img-set" > "$work/img-set.out" 2>&1
check "a paper set with images is written" test $? = 0
check "its key shows them from media/" grep -qF '<img src="media/images/p.png"' \
    "$work/img-set/key-L3-theory-A.html"
check "and they are copied there" cmp "$work/img2/images/p.png" \
    "$work/img-set/media/images/p.png"
check "the set's ePub passes epubcheck with them" java -jar \
    /usr/share/java/epubcheck.jar "$work/img-set/papers-L3-theory.epub"

# --- limits ---
# a 50 MB Markdown file in the standard
cp -R "$other" "$work/big"
yes -- '- 1.1.9 货物验收记录的填写要求与归档方法，包括数量、规格、批次和签收人。' |
    head -c 52428800 > "$work/big/standard/3.1-level5.md"
peak "$work/big.out" "$tiku" lint --content "$work/big"
rc=$?
check "a 50 MB Markdown file is refused with exit 1" test $rc = 1
check "with a clear error naming the file and the limit" \
    grep -q 'standard/3.1-level5.md: 52.4 MB is over the limit of 16 MB for a content file; split it' "$work/big.out"
check "within bounded memory (< 256 MiB)" test "$(cat "$work/big.out.mib")" -lt 256
echo "robust: 50 MB Markdown: peak $(cat "$work/big.out.mib") MiB"

# 100,000 items: the second standard's five, then 99,995 judge items in
# ten files (one would pass the size limit)
cp -R "$other" "$work/many"
awk -v dir="$work/many/items" 'BEGIN {
	for (i = 1; i <= 99995; i++) {
		f = sprintf("%s/L5-X%d.md", dir, i % 10);
		printf "\n## X-%06d\n\n- 知识点：L5-K1.1.%d\n- 题型：判断题\n- 难度：%d\n\n", i, 1 + i % 2, 1 + i % 5 > f;
		printf "第%d号货位的验收记录须在当日归档。\n\n答案：正确\n\n", i > f;
		printf "解析：验收记录当日归档便于追溯第%d号货位的入库情况。\n", i > f;
	}
}'
peak "$work/many.out" "$tiku" lint --content "$work/many"
check "100,000 items lint clean" test $? = 0
check "all of them counted" grep -q '(100000 items)' "$work/many.out"
check "within bounded memory (< 1024 MiB)" test "$(cat "$work/many.out.mib")" -lt 1024
echo "robust: 100,000 items, lint: peak $(cat "$work/many.out.mib") MiB"
peak "$work/many-bank.out" "$tiku" bank --content "$work/many" --level 5 \
    --format json --out "$work/many-bank"
check "and their bank is written" test $? = 0
check "bank within bounded memory (< 2048 MiB)" test "$(cat "$work/many-bank.out.mib")" -lt 2048
echo "robust: 100,000 items, bank: peak $(cat "$work/many-bank.out.mib") MiB"

# a 10,000-line template
cp -R templates "$work/templates"
awk 'BEGIN { for (i = 1; i <= 10000; i++)
	printf "<p>第 %d 行：{{ standard.name }}{%% if %d %% 2 == 0 then %%}，偶数{%% end %%}</p>\n", i, i }' \
    > "$work/templates/index.html"
peak "$work/tpl.out" "$tiku" build --content "$other" --templates "$work/templates" \
    --out "$work/tpl-site"
check "a 10,000-line template renders" test $? = 0
check "every line of it" test "$(grep -c '^<p>第 [0-9]* 行' "$work/tpl-site/index.html")" = 10000
check "within bounded memory (< 512 MiB)" test "$(cat "$work/tpl.out.mib")" -lt 512
echo "robust: 10,000-line template: peak $(cat "$work/tpl.out.mib") MiB"

echo "robust: $pass passed, $fail failed"
[ "$fail" = 0 ]
