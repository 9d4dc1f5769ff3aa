#!/bin/sh
# Parametric items are right by construction; this checks the construction.
# For every generated variant, recompute the key from the variant's params
# independently (jq) and compare it with the number in the keyed option;
# recompute every distractor from the misconception it names, and check
# the explanation claims the misconceptions the options show and no other.
# Also: every generator yields at least 20 distinct variants, and two runs
# give identical variants. Prints "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
tiku="$top/gen/tiku"
work="$top/tests/build/generators"
rm -rf "$work" && mkdir -p "$work"
cd "$top" || exit 2
"$tiku" dump --json > "$work/standard.json" || exit 2
for l in 5 4 3 2 1; do
	"$tiku" bank --level $l --format json > "$work/bank$l.json" || exit 2
done
jq -s '[.[].items[] | select(.generated)] | unique_by(.id)' "$work"/bank?.json \
    > "$work/generated.json"
for l in 5 4 3 2 1; do
	"$tiku" bank --level $l --format json > "$work/again$l.json" || exit 2
done
jq -s '[.[].items[] | select(.generated)] | unique_by(.id)' "$work"/again?.json \
    > "$work/generated2.json"

jq --slurpfile std "$work/standard.json" -r '
  def numtext: gsub("−"; "-") | [scan("-?[0-9]+(?:\\.[0-9]+)?")] | .[0];
  # half a unit of the last digit shown: the key must round to the option
  def halfulp: (split(".") | if length > 1 then .[1] | length else 0 end) as $d |
    0.5 * pow(10; -$d) + 1e-9;
  def keyed: . as $it | ($it.answer | explode[0] - 65) as $i | $it.options[$i];
  def mean: add / length;
  def expect:
    .params as $p |
    if .family == "G-data-volume" then
      ($p.points * $p.hz * $p.bytes * 86400 * $p.days / 1e9)
    elif .family == "G-subnet" and $p.kind == "hosts" then
      (pow(2; 32 - $p.prefix) - 2)
    elif .family == "G-subnet" then
      (pow(2; 32 - $p.prefix)) as $b |
      ((($p.host / $b | floor) * $b + $b - 1))
    elif .family == "G-test-stats" and $p.kind == "median" then
      ($p.values | sort) as $v | ($v | length) as $n |
      ((if $n % 2 == 1 then $v[($n - 1) / 2]
        else ($v[$n / 2 - 1] + $v[$n / 2]) / 2 end))
    elif .family == "G-test-stats" and $p.kind == "sd" then
      ($p.values | mean) as $m |
      ((($p.values | map((. - $m) * (. - $m)) | add) / (($p.values | length) - 1) | sqrt))
    elif .family == "G-test-stats" then
      (100 * $p.passed / ($p.passed + $p.failed))
    elif .family == "G-little-law" and $p.kind == "little" then
      ($p.users / ($p.response + $p.think))
    elif .family == "G-throughput" and $p.kind == "tps" then
      ($p.done / ($p.minutes * 60))
    elif .family == "G-current-loop" then
      ($p.low + ($p.current - 4) / 16 * ($p.high - $p.low))
    elif .family == "G-standard-facts" and $p.kind == "module_total" then
      ($p.level | tostring) as $l |
      ($p.theory * $std[0].theory_weights[$l][$p.area] / 100
       + $p.practice * $std[0].skill_weights[$l][$p.area] / 100)
    else null end;
  .[] | . as $it | expect as $e |
  (keyed | if $it.family == "G-subnet" and $it.params.kind == "broadcast"
           then split(".") | .[3] else numtext end) as $text |
  ($text | tonumber) as $got |
  if $e == null then "FAIL \($it.id): no check for family \($it.family)"
  elif ($got - $e | fabs) <= ($text | halfulp) then "ok \($it.id)"
  else "FAIL \($it.id): keyed option says \($got), expected \($e)" end
' "$work/generated.json" > "$work/results"

# Every distractor comes from a named misconception: recompute the value
# each misconception gives from the params, check the option shows it and
# differs from the key, and check that the explanation names exactly the
# misconceptions the options contain (none the variant does not offer).
jq --slurpfile std "$work/standard.json" -r '
  def numtext: gsub("−"; "-") | [scan("-?[0-9]+(?:\\.[0-9]+)?")] | .[0];
  def halfulp: (split(".") | if length > 1 then .[1] | length else 0 end) as $d |
    0.5 * pow(10; -$d) + 1e-9;
  def mean: add / length;
  # the value a misconception gives, from the params; null if unknown
  def mistake($fam; $why; $p):
    if $fam == "G-data-volume" then
      ($p.points * $p.hz * $p.bytes * 86400 * $p.days / 1e9) as $k |
      {"把一天按3600 s计": ($k / 24), "混淆位与字节，把字节数换算成位数后仍按字节计，多乘了8": ($k * 8),
       "漏乘测点数": ($k / $p.points), "漏乘天数": ($k / $p.days),
       "把一天按24×60 s计": ($k / 60),
       "把已含在样本中的8字节时间戳又加了一次": ($k * ($p.bytes + 8) / $p.bytes),
       "把样本中已含的8字节时间戳扣掉，只按测量值的字节数计": ($k * ($p.bytes - 8) / $p.bytes),
       "把MB当成GB": ($k * 1000)}[$why]
    elif $fam == "G-subnet" and $p.kind == "hosts" then
      pow(2; 32 - $p.prefix) as $s |
      {"没有去掉网络地址和广播地址": $s, "只去掉了一个地址": ($s - 1),
       "忽略前缀长度、按/24的掩码计算": 254,
       "把默认网关（路由器接口）的地址也减去了": ($s - 3),
       "忽略前缀长度、按B类地址默认的/16掩码计算": 65534,
       "把前缀超出整字节的位数（借用的子网位）当作主机位数": (pow(2; $p.prefix % 8) - 2)}[$why]
    elif $fam == "G-subnet" then
      pow(2; 32 - $p.prefix) as $s | (($p.host / $s | floor) * $s) as $n |
      {"把网络地址当作广播地址": $n, "把网段当作/24": 255,
       "取了网段中最后一个可用地址": ($n + $s - 2), "取了下一个网段的网络地址": ($n + $s),
       "取了网段中第一个可用地址": ($n + 1), "取了上一个网段的广播地址": ($n - 1)}[$why]
      // (if ($why | test("^把网段当作/[0-9]+（前缀[多少]算了一位）$"))
          then ($why | capture("/(?<q>[0-9]+)").q | tonumber) as $q |
            pow(2; 32 - $q) as $b | ($p.host / $b | floor) * $b + $b - 1
          else null end)
    elif $fam == "G-test-stats" and $p.kind == "median" then
      ($p.values | sort) as $v |
      {"用平均数代替中位数": ($p.values | mean), "只取了排序后中间两个数中较小的一个": $v[3],
       "只取了排序后中间两个数中较大的一个": $v[4],
       "没有排序、直接取原顺序中间两个数的平均值": (($p.values[3] + $p.values[4]) / 2),
       "把最大值与最小值的平均值当作中位数": (($v[0] + $v[7]) / 2)}[$why]
    elif $fam == "G-test-stats" and $p.kind == "sd" then
      ($p.values | mean) as $m | ($p.values | map((. - $m) * (. - $m)) | add) as $ss |
      {"除以n、算成了总体标准差": ($ss / 5 | sqrt), "没有开方、算成了样本方差": ($ss / 4),
       "除以n且没有开方、算成了总体方差": ($ss / 5),
       "算成了平均偏差（各离差绝对值的平均）": ($p.values | map(. - $m | fabs) | add / 5),
       "离差平方和没有除以n−1就开方": ($ss | sqrt)}[$why]
    elif $fam == "G-test-stats" then
      ($p.passed + $p.failed + $p.blocked) as $t |
      {"把阻塞未执行的用例计入分母": (100 * $p.passed / $t),
       "把阻塞用例算作通过": (100 * ($p.passed + $p.blocked) / $t),
       "算成了失败率": (100 * $p.failed / ($p.passed + $p.failed)),
       "算成了用例执行率（已执行用例占设计用例的比例）": (100 * ($p.passed + $p.failed) / $t),
       "算成了失败用例占设计用例的比例": (100 * $p.failed / $t),
       "把失败用例当作未执行、从分母中扣除": (100 * $p.passed / ($p.passed + $p.blocked))}[$why]
    elif $fam == "G-little-law" and $p.kind == "little" then
      ($p.users / ($p.response + $p.think)) as $k |
      {"忽略思考时间": ($p.users / $p.response), "忽略响应时间": ($p.users / $p.think),
       "把每分钟的请求数当作每秒的吞吐量": ($k * 60), "把每秒的吞吐量又除以60": ($k / 60),
       "漏乘并发用户数、算成了单个用户每秒的请求数": (1 / ($p.response + $p.think))}[$why]
    elif $fam == "G-throughput" and $p.kind == "tps" then
      {"直接除以分钟数、得到每分钟事务数": ($p.done / $p.minutes),
       "把分钟当作小时换算成秒": ($p.done / ($p.minutes * 3600)),
       "把分钟数除以60当作秒数、换算方向颠倒": ($p.done / ($p.minutes / 60)),
       "又除以虚拟用户数、算成了每个用户的TPS": ($p.done / ($p.minutes * 60 * $p.users)),
       "用事务数除以虚拟用户数、把每个用户完成的事务数当作TPS": ($p.done / $p.users),
       "只除以60、漏除持续的分钟数": ($p.done / 60)}[$why]
    elif $fam == "G-current-loop" then
      ($p.high - $p.low) as $r | $p.current as $i |
      {"把0 mA当作量程零点、按20 mA满量程计算": ($p.low + $i / 20 * $r),
       "减去4 mA后仍用20作分母": ($p.low + ($i - 4) / 20 * $r),
       "漏加量程下限": (($i - 4) / 16 * $r),
       "忘记减去4 mA的活零点": ($p.low + $i / 16 * $r),
       "把量程方向弄反、从上限往下算": ($p.high - ($i - 4) / 16 * $r),
       "把量程上限当作量程、没有减去下限": ($p.low + ($i - 4) / 16 * $p.high)}[$why]
    elif $fam == "G-standard-facts" and $p.kind == "module_total" then
      ($p.level | tostring) as $l | $p.theory as $t | $p.practice as $h |
      $std[0].theory_weights[$l] as $tw | $std[0].skill_weights[$l] as $sw |
      {"把两张权重表用反（理论学时乘技能要求权重、实操学时乘理论知识权重）":
         ($t * $sw[$p.area] / 100 + $h * $tw[$p.area] / 100),
       "把理论与实操的总学时乘以理论知识权重": (($t + $h) * $tw[$p.area] / 100),
       "把理论与实操的总学时乘以技能要求权重": (($t + $h) * $sw[$p.area] / 100),
       "只算了实操训练学时、漏了理论教学学时": ($h * $sw[$p.area] / 100),
       "只算了理论教学学时、漏了实操训练学时": ($t * $tw[$p.area] / 100)}[$why]
      # another row of the same column: the two weights of that module
      // (if ($why | test("^看错了行、用了“.+”模块的两项权重$"))
          then ($why | capture("“(?<m>.+)”").m) as $m |
            if $tw[$m] == null or $sw[$m] == null or $m == $p.area then null
            else $t * $tw[$m] / 100 + $h * $sw[$m] / 100 end
          else null end)
    else null end;
  def shown($it; $i): $it.options[$i] |
    if $it.family == "G-subnet" and $it.params.kind == "broadcast" then split(".") | .[3]
    else numtext end;
  (group_by(.family) | map({key: .[0].family,
    value: [.[].misconceptions // {} | .[]] | unique}) | from_entries) as $all |
  .[] | select(.type != "judge") | . as $it |
  ($it.answer | explode | map(. - 65)) as $keys |
  ($it.misconceptions // {}) as $m |
  (range(0; $it.options | length) | . as $i | ([$i] | inside($keys)) as $key |
   ([$i + 65] | implode) as $l |
   if $key then (if $m[$l] then "FAIL \($it.id): the key \($l) names a misconception"
                 else empty end)
   elif $m[$l] == null then "FAIL \($it.id): distractor \($l) names no misconception"
   else mistake($it.family; $m[$l]; $it.params) as $v | shown($it; $i) as $t |
     if $v == null then "FAIL \($it.id): no recomputation for \($m[$l])"
     elif (($t | tonumber) - $v | fabs) > ($t | halfulp) then
       "FAIL \($it.id): \($l) says \($t), \($m[$l]) gives \($v)"
     elif $t == shown($it; $keys[0]) then "FAIL \($it.id): \($l) equals the key"
     elif ($it.explanation | contains($m[$l]) | not) then
       "FAIL \($it.id): the explanation does not name \($m[$l])"
     else "ok \($it.id) \($l)" end end),
  ($all[$it.family][] | select(. as $w | [$m[]] | index($w) | not) |
   select(. as $w | $it.explanation | contains($w)) |
   "FAIL \($it.id): the explanation claims \(.), which no option shows")
' "$work/generated.json" > "$work/mistakes"

pass=$(cat "$work/results" "$work/mistakes" | grep -c '^ok')
fail=$(cat "$work/results" "$work/mistakes" | grep -c '^FAIL')
cat "$work/results" "$work/mistakes" | grep '^FAIL' | head -20
# at least 20 distinct variants per family, and determinism
jq -r 'group_by(.family)[] | "\(.[0].family) \(length) \(map(.stem + (.options | join("|"))) | unique | length)"' \
    "$work/generated.json" | while read -r fam n distinct; do
	if [ "$n" -ge 20 ] && [ "$distinct" = "$n" ]; then echo ok; else
		echo "FAIL $fam: $n variants, $distinct distinct"; fi
done > "$work/variants"
pass=$((pass + $(grep -c '^ok' "$work/variants")))
fail=$((fail + $(grep -c '^FAIL' "$work/variants")))
grep '^FAIL' "$work/variants"
if cmp -s "$work/generated.json" "$work/generated2.json"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: two runs gave different variants"
fi
echo "generators: $pass passed, $fail failed"
[ "$fail" = 0 ]
