# The man page (man/waymark.1) against the binary: every command and
# subcommand that `waymark help` and each group's help list has an entry,
# every entry names a command that exists, and groff formats the page
# without a warning.

MAN_PAGE=$ROOT/man/waymark.1

# The names listed under "commands:" in $T/out, one a line.
listed_commands() {
	sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$T/out"
}

# Every command as the user types it, one a line: "init", "report benchmarks".
# Groups are the commands whose help lists commands of their own.
all_commands() {
	run help
	expect_rc 0
	listed_commands >"$T/top"
	[ -s "$T/top" ] || fail "no commands in \`waymark help\`: $(cat "$T/out")"
	while read -r cmd; do
		run help "$cmd"
		expect_rc 0
		if grep -q '^commands:$' "$T/out"; then
			listed_commands >"$T/subs"
			[ -s "$T/subs" ] || fail "no subcommands in \`waymark help $cmd\`"
			sed "s/^/$cmd /" "$T/subs"
		else
			printf '%s\n' "$cmd"
		fi
	done <"$T/top"
}

# The page with troff's hyphen and no-hyphenation escapes taken out.
plain_page() {
	sed -e 's/\\-/-/g' -e 's/\\%//g' "$MAN_PAGE"
}

test_man_page_documents_every_command() {
	[ -f "$MAN_PAGE" ] || fail "no $MAN_PAGE"
	all_commands >"$T/commands"
	grep -qx 'init' "$T/commands" || fail "init is not among the commands found: $(cat "$T/commands")"
	grep -qx 'report benchmarks' "$T/commands" ||
		fail "report benchmarks is not among the commands found: $(cat "$T/commands")"
	plain_page >"$T/page"
	missing=
	while read -r cmd; do
		# An entry is ".B waymark CMD" then a space (its arguments) or the end.
		grep -qE "^\\.B waymark $cmd( |\$)" "$T/page" || missing="$missing
      waymark $cmd"
	done <"$T/commands"
	[ -z "$missing" ] || fail "man/waymark.1 has no .B entry for:$missing"
}

test_man_page_entries_name_real_commands() {
	all_commands >"$T/commands"
	echo help >>"$T/commands"
	# The heading of each .TP entry of COMMANDS: ".B waymark WORD [WORD]".
	plain_page | sed -n '/^\.SH COMMANDS/,/^\.SH /p' |
		sed -n '/^\.TP$/{n;s/^\.B waymark \([a-z][a-z-]*\)\( [a-z][a-z-]*\)\{0,1\}.*/\1\2/p;}' >"$T/entries"
	[ -s "$T/entries" ] || fail "no entries found in the COMMANDS section"
	stale=
	while read -r first second; do
		# A group's entry is "GROUP SUB"; any other's is its first word.
		if grep -q "^$first " "$T/commands"; then
			grep -qx "$first $second" "$T/commands" || stale="$stale
      waymark $first $second"
		else
			grep -qx "$first" "$T/commands" || stale="$stale
      waymark $first"
		fi
	done <"$T/entries"
	[ -z "$stale" ] || fail "man/waymark.1 documents what waymark does not list:$stale"
}

test_man_page_renders_without_groff_warnings() {
	if ! command -v groff >/dev/null 2>&1; then
		# Shown on the runner's output (a passing test's stderr is discarded).
		echo "SKIP t_man.sh test_man_page_renders_without_groff_warnings: groff is not installed (apt-get install groff-base)"
		return 0
	fi
	set +e
	groff -man -Tutf8 -ww -z "$MAN_PAGE" >"$T/groff.out" 2>"$T/groff.err"
	status=$?
	set -e
	[ "$status" -eq 0 ] || fail "groff exited with $status: $(cat "$T/groff.err")"
	[ ! -s "$T/groff.err" ] || fail "groff warns about man/waymark.1:
$(cat "$T/groff.err")"
}
