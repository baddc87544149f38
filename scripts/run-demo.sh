#!/bin/sh
# `make run`: write the demo school's last academic year and this one, load
# them through the normal import commands (scripts/load-demo.sh: last year,
# the September rollover, this year so far, the Benchmark 1 and 3
# checklist), show the programme, the two-termly entitlement review and the
# benchmark summary as of today, add three staff accounts and serve the web
# application, printing where to sign in.
#
#   DEMO_STUDENTS  pupils (1200)        DEMO_DIR      where to write (demo)
#   WAYMARK_LISTEN address (127.0.0.1:8080)
#   WAYMARK_SERVE  "no": stop before serving
#   WAYMARK_TODAY  the date to build the demo for (tests/cli/t_make_run.sh)
set -eu
cd "$(dirname "$0")/.."
students=${DEMO_STUDENTS:-1200}
dir=${DEMO_DIR:-demo}
listen=${WAYMARK_LISTEN:-127.0.0.1:8080}

mkdir -p "$dir"
rm -f "$dir/waymark.db" "$dir/waymark.db-wal" "$dir/waymark.db-shm"
rm -rf "$dir/files"
# Today, or the date the tests pin (as waymark itself reads it).
today=${WAYMARK_TODAY:-$(date +%F)}
year_start=${today%%-*}
month=$(echo "$today" | cut -d- -f2)
[ "${month#0}" -lt 9 ] && year_start=$((year_start - 1))
academic_year() { printf '%d/%02d' "$1" $((($1 + 1) % 100)); }
previous=$(academic_year $((year_start - 1)))
current=$(academic_year "$year_start")

echo "== Writing a synthetic school of $students pupils for $previous and $current (no real pupil data)"
build/waymark demo --students "$students" --years 2 --out "$dir/files"
WAYMARK=build/waymark scripts/load-demo.sh "$dir/waymark.db" "$dir/files"
waymark="build/waymark --db $dir/waymark.db"
echo
$waymark programme show --year-group 10
echo
echo "== The entitlement review (not saved: the careers leader's first review keeps it)"
$waymark review --no-save --summary
echo
echo "== The Gatsby Benchmarks"
$waymark report benchmarks --summary
echo
echo "Demo database: $dir/waymark.db ($previous and $current)"
echo "Try: $waymark event list"
echo "     $waymark report provider-access"
echo "     $waymark report student UPN"
echo "     $waymark check timing --year $previous"

# Three staff accounts, each with a one-time password to replace at the
# first sign-in; a tutor of the first Year 7 form, for the phone register.
form=$(awk -F, '$9 == 7 { print $10; exit }' "$dir/files/$(echo "$current" | tr / -)/roster.csv")
[ -n "$form" ] || form=7A
echo
echo "== Staff accounts (synthetic school: no real pupil data)"
account() { # LOGIN ROLE DESCRIPTION [OPTIONS...]
	login=$1 role=$2 what=$3
	shift 3
	password=$($waymark user add "$login" --role "$role" "$@" 2>/dev/null |
		sed -n 's/^one-time password: //p')
	printf '  %-10s %-24s one-time password: %s\n' "$login" "$what" "$password"
}
account leader leader "careers leader" --name "Demo Careers Leader"
account admin admin "administrator" --name "Demo Administrator"
account tutor tutor "tutor of $form" --name "Demo Tutor" --scope "$form"
echo "  Each chooses a new password at the first sign-in."

[ "${WAYMARK_SERVE:-yes}" = no ] && exit 0
echo
echo "== Serving the demo school: open http://$listen/ and sign in (Ctrl-C stops)"
exec $waymark serve --listen "$listen"
