#!/bin/sh
# Parametric items are right by construction; this checks the construction.
# For every generated variant, recompute the key from the variant's params
# independently (jq) and compare it with the number in the keyed option.
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
    elif .family == "G-throughput" and $p.kind == "little" then
      ($p.users / ($p.response + $p.think))
    elif .family == "G-throughput" then
      ($p.done / ($p.minutes * 60))
    elif .family == "G-current-loop" then
      ($p.low + ($p.current - 4) / 16 * ($p.high - $p.low))
    elif .family == "G-standard-facts" and $p.kind == "weight" then
      ($std[0][$p.table][$p.level | tostring][$p.area])
    elif .family == "G-standard-facts" and $p.kind == "training_hours" then
      [$std[0].levels[] | select(.level == $p.level) | .training_hours][0] as $h | ($h)
    elif .family == "G-standard-facts" then
      ($std[0].facts[$p.fact])
    else null end;
  .[] | . as $it | expect as $e |
  (keyed | if $it.family == "G-subnet" and $it.params.kind == "broadcast"
           then split(".") | .[3] else numtext end) as $text |
  ($text | tonumber) as $got |
  if $e == null then "FAIL \($it.id): no check for family \($it.family)"
  elif ($got - $e | fabs) <= ($text | halfulp) then "ok \($it.id)"
  else "FAIL \($it.id): keyed option says \($got), expected \($e)" end
' "$work/generated.json" > "$work/results"

pass=$(grep -c '^ok' "$work/results")
fail=$(grep -c '^FAIL' "$work/results")
grep '^FAIL' "$work/results" | head -20
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
