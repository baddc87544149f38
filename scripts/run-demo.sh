#!/bin/sh
# `make run`: build the demo school through the normal import commands,
# show the programme, then (later issues) the reports and the web UI.
set -eu
cd "$(dirname "$0")/.."
waymark="build/waymark --db demo/waymark.db"
students=${DEMO_STUDENTS:-1200}

mkdir -p demo
rm -f demo/waymark.db demo/waymark.db-wal demo/waymark.db-shm
year_start=$(date +%Y)
[ "$(date +%m)" -lt 9 ] && year_start=$((year_start - 1))

echo "== Writing a synthetic school of $students pupils (no real pupil data)"
build/waymark demo --students "$students" --out demo/files
echo "== Loading it through the import commands"
$waymark init --school "Demo Academy"
$waymark calendar import demo/files/calendar.yaml
$waymark import students demo/files/roster.csv --as-of "$year_start-09-01"
$waymark event import demo/files/events.csv
for f in demo/files/selections/*.csv; do
	$waymark select "$(basename "$f" .csv)" "$f"
done
$waymark import register demo/files/registers.csv
$waymark import intentions demo/files/intentions.csv
$waymark import guidance demo/files/guidance.csv
echo
$waymark programme show --year-group 10
echo
$waymark calendar show
echo
echo "Demo database: demo/waymark.db"
echo "Try: build/waymark --db demo/waymark.db event list"
echo "     build/waymark --db demo/waymark.db report benchmarks"
