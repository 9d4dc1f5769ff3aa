# Shared by the shell tests: counters and check. Source it after setting
# $work (where a check's output is kept for the failure report).
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {                       # check NAME COMMAND...: passes if it exits 0
	name=$1; shift
	if "$@" > "$work/last.out" 2>&1; then ok; else
		bad "$name"; sed 's/^/    /' "$work/last.out" | head -20; fi
}
