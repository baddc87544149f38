#!/bin/sh
# Loads the files of `waymark demo --years N` (N of 2 or 3) into a new
# database through the normal import commands, oldest year first, as a school
# would have loaded them:
#
#   the first year:  init, calendar import, import students --whole-school (as of its
#                    1 September), event import, select, import register,
#                    import intentions, import guidance
#   each later year: calendar import, import students --whole-school --year Y
#                    --confirm-leaving N (the September rollover, N read from
#                    its dry run: it prints the promoted, joined and left), then
#                    the same as the first year
#
# then records the careers leader's Benchmark 1 and 3 checklist. `make run`
# (scripts/run-demo.sh) and tests/cli/t_demo_years.sh both load the demo with
# it, so the test loads it as `make run` does.
#
#   scripts/load-demo.sh DB DIR    $WAYMARK: the waymark to run (build/waymark)
set -eu
if [ $# -ne 2 ]; then
	echo "usage: $0 DB DIR" >&2
	exit 2
fi
db=$1
dir=$2
w() {
	"${WAYMARK:-build/waymark}" --db "$db" "$@"
}

first=yes
last_start=
for files in "$dir"/[0-9][0-9][0-9][0-9]-[0-9][0-9]; do
	[ -d "$files" ] || continue
	name=${files##*/}
	year=$(echo "$name" | tr - /)
	last_start=${name%-*}
	if [ "$first" = yes ]; then
		echo "== Loading $year through the import commands"
		w init --school "Demo Academy"
		w calendar import "$files/calendar.yaml"
		w import students "$files/roster.csv" --whole-school --as-of "$last_start-09-01"
		first=no
	else
		echo "== Loading $year: the September rollover, then the year's records"
		w calendar import "$files/calendar.yaml"
		# A rollover's leavers (Year 13 and others) are more than 5% of
		# the roll, so the import needs their number: the dry run says it.
		leaving=$(w import students "$files/roster.csv" --whole-school --year "$year" --dry-run |
			sed -n 's/.*needs --confirm-leaving \([0-9][0-9]*\)$/\1/p')
		w import students "$files/roster.csv" --whole-school --year "$year" \
			${leaving:+--confirm-leaving "$leaving"}
	fi
	w event import "$files/events.csv"
	for f in "$files"/selections/*.csv; do
		[ -f "$f" ] || continue
		w select "$(basename "$f" .csv)" "$f" --year "$year"
	done
	w import register "$files/registers.csv"
	w import intentions "$files/intentions.csv" --year "$year"
	w import guidance "$files/guidance.csv"
done
if [ -z "$last_start" ]; then
	echo "$0: no year directories (2025-26/, 2026-27/) in $dir: write them with waymark demo --years 2" >&2
	exit 1
fi

# A school's checklist: most items met, with evidence and the date each is
# next reviewed (all in the coming year), two still in progress.
echo "== Recording the Benchmark 1 and 3 checklist"
review=$((last_start + 1))
w benchmark set 1.1 met --review-date "$review-07-10" \
	--evidence "Careers leader in post since 2022, Careers Leader training completed; two days a week and a budget agreed each year"
w benchmark set 1.2 met --review-date "$review-03-20" \
	--evidence "Link governor for careers; the headteacher reports on the programme to governors each term"
w benchmark set 1.3 met --review-date "$review-01-15" \
	--evidence "The careers page of the school website: careers leader's contact details, the programme, how impact is measured, next review date, provider access policy"
w benchmark set 1.4 met --review-date "$review-07-10" \
	--evidence "Challenge, Aspire, Network: the programme is planned year group by year group with learning outcomes for each"
w benchmark set 1.5 in-progress --review-date "$review-02-27" \
	--evidence "Parents' futures evenings in Years 9 and 12; a careers page for parents is being written"
w benchmark set 1.6 met --review-date "$review-07-10" \
	--evidence "Evaluated each summer: the Future Skills Questionnaire, parent and employer surveys, the external adviser's feedback"
w benchmark set 3.1 in-progress --review-date "$review-04-17" \
	--evidence "Pupils see their record in careers lessons; their own login is planned for the summer term"
w benchmark set 3.2 met --review-date "$review-07-10" \
	--evidence "Every personal guidance meeting and its agreed actions are recorded in Waymark"
w benchmark set 3.3 met --review-date "$review-03-20" \
	--evidence "Registers are reviewed by Pupil Premium, SEN and looked-after status each half term; the SENCo plans tailored encounters"
w benchmark set 3.4 met --review-date "$review-10-09" \
	--evidence "Destinations collected each October for the last three years' leavers, with the local authority's tracking"
