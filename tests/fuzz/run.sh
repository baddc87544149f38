#!/bin/sh
# Runs every libFuzzer harness for FUZZ_SECONDS (default 10) from its seed
# corpus. Prints "fuzz: PASSED/FAILED" lines that tests/run-all.sh counts.
# New inputs found are kept under build/fuzz/corpus, not in the repository.
set -u
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-10}
status=0
for harness in build/fuzz/fuzz_*; do
	[ -x "$harness" ] || continue
	name=${harness##*/fuzz_}
	work=build/fuzz/corpus/$name
	mkdir -p "$work" build/fuzz/crashes
	if LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp:print_suppressions=0 \
		"$harness" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=build/fuzz/crashes/"$name"- \
		"$work" "tests/fuzz/corpus/$name" >build/fuzz/"$name".log 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' build/fuzz/"$name".log | grep -o '[0-9]*')
		echo "fuzz $name: PASSED (${runs:-?} inputs in ${seconds}s)"
	else
		echo "fuzz $name: FAILED, see build/fuzz/$name.log and build/fuzz/crashes/"
		tail -30 build/fuzz/"$name".log
		status=1
	fi
done
exit $status
