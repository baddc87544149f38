# Shared by the benchmarks (sourced, not run: bench/run.sh skips it).
#
#   bench_init NAME     sets here, root, waymark ($WAYMARK, default
#                       build/waymark), tmp (a fresh directory, removed at
#                       exit unless BENCH_KEEP=1); say and die print as NAME
#   bench_on_exit       define it before bench_init to stop servers at exit
#   bench_school DB DIR YEAR AS_OF
#                       loads a `waymark demo` school's files from DIR into a
#                       new database DB with the real commands: init,
#                       calendar import, import students, event import,
#                       select (registers are the caller's)
#   now, seconds A B, median X..., two X, ratio A B, count DB TABLE

say() { printf '%s: %s\n' "$bench_name" "$*" >&2; }
die() {
	say "FAILED: $*"
	exit 1
}

bench_cleanup() {
	if command -v bench_on_exit >/dev/null 2>&1; then
		bench_on_exit
	fi
	if [ "${BENCH_KEEP:-}" = 1 ]; then
		say "kept $tmp"
	else
		rm -rf "$tmp"
	fi
}

bench_init() {
	bench_name=$1
	here=$(cd "$(dirname "$0")" && pwd)
	root=$(dirname "$here")
	waymark=${WAYMARK:-$root/build/waymark}
	case "$waymark" in /*) ;; *) waymark=$root/$waymark ;; esac
	[ -x "$waymark" ] || die "no $waymark: run make first"
	command -v sqlite3 >/dev/null 2>&1 || die "the sqlite3 shell is missing: apt-get install sqlite3"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/waymark-bench.XXXXXX")
	trap bench_cleanup EXIT
	trap 'exit 130' INT TERM
}

bench_school() {
	db_=$1 dir_=$2 year_=$3 as_of_=$4
	w_() { "$waymark" --db "$db_" "$@" >>"$tmp/setup.log" 2>&1 || die "waymark $*: $(tail -n 5 "$tmp/setup.log")"; }
	w_ init --school "Bench Academy"
	w_ calendar import "$dir_/calendar.yaml"
	w_ import students "$dir_/roster.csv" --whole-school --year "$year_" --as-of "$as_of_"
	w_ event import "$dir_/events.csv"
	for f_ in "$dir_"/selections/*.csv; do
		[ -f "$f_" ] || continue
		a_=${f_##*/}
		w_ select "${a_%.csv}" "$f_" --year "$year_"
	done
}

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
two() { awk -v a="$1" 'BEGIN { printf "%.2f", a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
count() { sqlite3 -batch "$1" "SELECT count(*) FROM $2"; }
