#!/bin/sh
# Drill (e): a damaged database. On copies of a demo school's database,
# DRILL_REPEATS times each of five kinds of damage: the header of a b-tree
# page flipped, a b-tree page zeroed, random garbage over a b-tree page,
# the file's 100-byte header clobbered, the file truncated. Each time a
# writing command must refuse (exit 1, naming `waymark restore`), `waymark
# serve` must refuse to start (naming it) or start and answer a POST with
# the 503 maintenance page, and `waymark restore` of the last good backup
# must bring the database back: a write then works and integrity_check is
# ok. Then a measurement, not a pass condition: random single-byte flips
# anywhere in the file, as many as the rest of DRILL_SECONDS allows (100 at
# least), and how many the start-up check (what `waymark serve` and every
# writing command run: db_open's checks and quick_check) catches, and how
# many the full integrity_check would.
. "$(dirname "$0")/lib.sh"

started=$(date +%s)
drill_school 1200
GOOD=$D/good.db
cp "$WAYMARK_DB" "$GOOD"
w backup "$D/last-good.db" >/dev/null
# The pages the damage is aimed at: b-tree pages in use (not page 1).
sqlite3 "$GOOD" "SELECT pageno FROM dbstat WHERE pageno > 1 AND pagetype IN ('internal', 'leaf')" >"$D/btree-pages"
[ -s "$D/btree-pages" ] || drill_fail "no b-tree pages found (is the dbstat table in this sqlite3?)"

# damage FILE KIND SEED: as the header says; the page is chosen from the
# b-tree pages with SEED. Prints what it did.
damage() {
	python3 - "$1" "$2" "$3" "$D/btree-pages" <<'EOF'
import os, random, sys
path, kind, seed, pages_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rng = random.Random(seed)
pages = [int(p) for p in open(pages_file).read().split()]
size = os.path.getsize(path)
with open(path, 'r+b') as f:
    f.seek(16)
    page_size = int.from_bytes(f.read(2), 'big')
    page = rng.choice(pages)
    at = (page - 1) * page_size
    if kind == 'header-flip':
        f.seek(at)
        head = bytearray(f.read(8))
        for i in rng.sample(range(8), 3):
            head[i] ^= rng.randrange(1, 256)
        f.seek(at)
        f.write(head)
        print('flipped 3 bytes of the header of page %d' % page)
    elif kind == 'zero':
        f.seek(at)
        f.write(bytes(page_size))
        print('zeroed page %d' % page)
    elif kind == 'garbage':
        f.seek(at)
        f.write(rng.randbytes(page_size))
        print('random bytes over page %d' % page)
    elif kind == 'clobber':
        f.seek(0)
        f.write(rng.randbytes(100))
        print('random bytes over the 100-byte file header')
    elif kind == 'truncate':
        keep = rng.randrange(page_size, size - page_size)
        f.truncate(keep)
        print('truncated from %d to %d bytes' % (size, keep))
EOF
}

# serve_case DB: `waymark serve` on DB; prints "refused" (it would not
# start, naming waymark restore), "503" (it started and answered a POST
# with the maintenance page) or what else happened.
serve_case() {
	rm -f "$D/case.out"
	"$WAYMARK" --db "$1" serve --listen 127.0.0.1:0 --threads 2 --quiet >"$D/case.out" 2>"$D/case.err" &
	pid=$!
	i=0
	while ! grep -q '^listening on ' "$D/case.out" 2>/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			status=0
			wait "$pid" || status=$?
			if [ "$status" = 1 ] && grep -q 'waymark restore' "$D/case.err"; then
				echo refused
			else
				echo "exited $status without naming waymark restore: $(head -c 300 "$D/case.err")"
			fi
			return
		fi
		i=$((i + 1))
		[ "$i" -lt 400 ] || { kill -9 "$pid"; echo "neither started nor stopped"; return; }
		sleep 0.05
	done
	base=$(sed -n '1s|^listening on \(http://[0-9.:]*\)/$|\1|p' "$D/case.out")
	code=$(curl -s -o "$D/case.page" -w '%{http_code}' -H "Origin: $base" \
		--data-urlencode login=nobody --data-urlencode "password=not a password" "$base/login")
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	if [ "$code" = 503 ] && grep -q 'The database is damaged, so nothing can be saved' "$D/case.page"; then
		echo 503
	else
		echo "started and answered a POST with $code"
	fi
}

kinds="header-flip zero garbage clobber truncate"
cases=0
cli_refused=0
serve_refused=0
serve_503=0
restored=0
for r in $(seq 1 "$DRILL_REPEATS"); do
	n=0
	for kind in $kinds; do
		n=$((n + 1))
		cases=$((cases + 1))
		db=$D/case.db
		rm -f "$db" "$db-wal" "$db-shm"
		cp "$GOOD" "$db"
		what=$(damage "$db" "$kind" $((r * 10 + n)))
		status=0
		"$WAYMARK" --db "$db" user add drill-extra --role tutor >"$D/cli.out" 2>"$D/cli.err" || status=$?
		[ "$status" = 1 ] && grep -q 'waymark restore' "$D/cli.err" ||
			drill_fail "$kind ($what): a write exited $status: $(head -c 300 "$D/cli.err")"
		cli_refused=$((cli_refused + 1))
		# How it was caught: db_open or the school's lookup refused the file, or quick_check.
		key=$(echo "$kind" | tr - _)
		if grep -q 'is damaged (quick_check' "$D/cli.err"; then
			eval "quick_$key=\$((\${quick_$key:-0} + 1))"
		else
			eval "open_$key=\$((\${open_$key:-0} + 1))"
		fi
		served=$(serve_case "$db")
		case "$served" in
		refused) serve_refused=$((serve_refused + 1)) ;;
		503) serve_503=$((serve_503 + 1)) ;;
		*) drill_fail "$kind ($what): waymark serve $served" ;;
		esac
		"$WAYMARK" --db "$db" restore "$D/last-good.db" >"$D/restore.out" 2>&1 ||
			drill_fail "$kind ($what): the restore failed: $(cat "$D/restore.out")"
		"$WAYMARK" --db "$db" user add drill-extra --role tutor >"$D/cli.out" 2>&1 ||
			drill_fail "$kind ($what): a write after the restore failed: $(cat "$D/cli.out")"
		"$WAYMARK" --db "$db" check database >"$D/check.out" 2>&1 ||
			drill_fail "$kind ($what): integrity_check after the restore: $(cat "$D/check.out")"
		restored=$((restored + 1))
		[ "$r" = 1 ] && say "$kind: $what; the write refused, serve $served, restored"
	done
done
for kind in $kinds; do
	key=$(echo "$kind" | tr - _)
	eval "q=\${quick_$key:-0} o=\${open_$key:-0}"
	say "$kind: $((q + o)) of $DRILL_REPEATS refused at start-up ($o on opening or reading the school, $q by quick_check)"
done
say "$cases damaged copies: every write refused; serve refused to start $serve_refused times and answered 503 $serve_503 times; restored $restored times"

# The measurement: one random byte changed anywhere in the file, on a
# fresh copy each time. The start-up check is what a writing command runs
# before it writes (db_open, then quick_check); `user enable` of nobody
# changes nothing when the check passes.
flips=0
at_open=0
by_quick=0
by_full=0
missed=0
rm -f "$D/flip-missed"
while [ "$flips" -lt 100 ] || [ $(($(date +%s) - started)) -lt "$DRILL_SECONDS" ]; do
	[ "$flips" -lt 5000 ] || break
	flips=$((flips + 1))
	db=$D/flip.db
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$GOOD" "$db"
	where=$(python3 - "$db" "$flips" <<'EOF'
import os, random, sys
rng = random.Random(int(sys.argv[2]) * 7919)
size = os.path.getsize(sys.argv[1])
at = rng.randrange(size)
with open(sys.argv[1], 'r+b') as f:
    f.seek(at)
    b = f.read(1)[0]
    f.seek(at)
    f.write(bytes([b ^ rng.randrange(1, 256)]))
print(at)
EOF
)
	timeout 30 "$WAYMARK" --db "$db" user enable drill-nobody >/dev/null 2>"$D/flip.err" || true
	if grep -q 'is damaged (quick_check' "$D/flip.err"; then
		by_quick=$((by_quick + 1))
	elif grep -q 'no user "drill-nobody"' "$D/flip.err"; then
		if timeout 30 "$WAYMARK" --db "$db" check database >/dev/null 2>&1; then
			missed=$((missed + 1))
			echo "$where" >>"$D/flip-missed"
		else
			by_full=$((by_full + 1))
		fi
	else
		at_open=$((at_open + 1))
	fi
done
caught=$((at_open + by_quick))
in_header=0
[ -f "$D/flip-missed" ] && in_header=$(awk '$1 < 100' "$D/flip-missed" | wc -l)
say "single-byte flips: $flips; the start-up check caught $caught ($((caught * 100 / flips))%: $at_open refused on opening, $by_quick by quick_check); integrity_check alone would catch $by_full more; $missed ($((missed * 100 / flips))%) went unnoticed by both ($in_header of them in the file header)"
drill_pass "$cases damaged copies ($DRILL_REPEATS x $kinds): writes refused every time, serve refused to start $serve_refused and answered 503 $serve_503, restored every time with a write and integrity_check ok after; single-byte flips: $caught of $flips caught at start-up, $by_full more by integrity_check, $missed unnoticed"
