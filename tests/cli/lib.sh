# Helpers for CLI tests: each test_* function runs the real binary on a
# fresh temporary database and checks its exit status and output.
#
#   run ARGS...             runs $WAYMARK with ARGS; sets $rc, out and err files
#   expect_rc N
#   expect_out TEXT         stdout is exactly TEXT (a trailing newline added)
#   expect_err TEXT         stderr likewise
#   expect_out_has TEXT     stdout contains TEXT (fixed string)
#   expect_err_has TEXT
#   expect_golden NAME      stdout equals tests/cli/golden/NAME
#                           (UPDATE_GOLDEN=1 rewrites the golden file)
#   fail MESSAGE

fail() {
	printf '    %s\n' "$*" >&2
	exit 1
}

run() {
	set +e
	"$WAYMARK" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
}

expect_rc() {
	[ "$rc" = "$1" ] || fail "exit status $rc, expected $1; stderr: $(cat "$T/err")"
}

expect_out() {
	printf '%s\n' "$1" >"$T/want"
	diff -u "$T/want" "$T/out" >"$T/diff" || fail "stdout differs:
$(cat "$T/diff")"
}

expect_err() {
	printf '%s\n' "$1" >"$T/want"
	diff -u "$T/want" "$T/err" >"$T/diff" || fail "stderr differs:
$(cat "$T/diff")"
}

expect_out_has() {
	grep -qF -- "$1" "$T/out" || fail "stdout lacks: $1
stdout was:
$(cat "$T/out")"
}

expect_err_has() {
	grep -qF -- "$1" "$T/err" || fail "stderr lacks: $1
stderr was:
$(cat "$T/err")"
}

expect_out_lacks() {
	! grep -qF -- "$1" "$T/out" || fail "stdout should not contain: $1"
}

expect_golden() {
	golden="$CLI_DIR/golden/$1"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$T/out" "$golden"
		return
	fi
	[ -f "$golden" ] || fail "no golden file $golden (run with UPDATE_GOLDEN=1)"
	diff -u "$golden" "$T/out" >"$T/diff" || fail "stdout differs from $golden:
$(head -40 "$T/diff")"
}

# A database with the minimal test programme and the 2025/26 template
# calendar, the fair on Thursday 16 October 2025.
init_school() {
	run init --school "Test School" --programme "$FIXTURES/programmes/minimal.yaml"
	expect_rc 0
	run calendar template --year 2025/26 --output "$T/calendar.yaml"
	expect_rc 0
	run calendar import "$T/calendar.yaml"
	run calendar set-date careers-fair 2025-10-16 --year 2025/26
	expect_rc 0
}
