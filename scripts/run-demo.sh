#!/bin/sh
# `make run`: write the demo school's last academic year and this one, load
# them through the normal import commands (scripts/load-demo.sh: last year,
# the September rollover, this year so far, the Benchmark 1 and 3
# checklist), then show the programme, the two-termly entitlement review and
# the benchmark summary as of today.
set -eu
cd "$(dirname "$0")/.."
students=${DEMO_STUDENTS:-1200}

mkdir -p demo
rm -f demo/waymark.db demo/waymark.db-wal demo/waymark.db-shm
rm -rf demo/files
year_start=$(date +%Y)
[ "$(date +%m)" -lt 9 ] && year_start=$((year_start - 1))
academic_year() { printf '%d/%02d' "$1" $((($1 + 1) % 100)); }
previous=$(academic_year $((year_start - 1)))
current=$(academic_year "$year_start")

echo "== Writing a synthetic school of $students pupils for $previous and $current (no real pupil data)"
build/waymark demo --students "$students" --years 2 --out demo/files
WAYMARK=build/waymark scripts/load-demo.sh demo/waymark.db demo/files
waymark="build/waymark --db demo/waymark.db"
echo
$waymark programme show --year-group 10
echo
echo "== The entitlement review (not saved: the careers leader's first review keeps it)"
$waymark review --no-save --summary
echo
echo "== The Gatsby Benchmarks"
$waymark report benchmarks --summary
echo
echo "Demo database: demo/waymark.db ($previous and $current)"
echo "Try: build/waymark --db demo/waymark.db event list"
echo "     build/waymark --db demo/waymark.db report benchmarks"
echo "     build/waymark --db demo/waymark.db report provider-access"
echo "     build/waymark --db demo/waymark.db report student UPN"
echo "     build/waymark --db demo/waymark.db check timing --year $previous"
