#!/bin/sh
# `make run`: a demo school database under demo/, then the programme grid.
set -eu
cd "$(dirname "$0")/.."
waymark=build/waymark
mkdir -p demo
year=$(date +%Y)
month=$(date +%m)
# The academic year runs September to August.
[ "$month" -lt 9 ] && year=$((year - 1))
label="$year/$(printf '%02d' $(((year + 1) % 100)))"

$waymark --db demo/waymark.db init --force --school "Demo Academy" >/dev/null
$waymark calendar template --year "$label" --output demo/calendar.yaml
$waymark --db demo/waymark.db calendar import demo/calendar.yaml 2>/dev/null
$waymark --db demo/waymark.db programme show
echo
$waymark --db demo/waymark.db calendar show --year "$label"
echo
echo "Demo database: demo/waymark.db (try: build/waymark --db demo/waymark.db help)"
