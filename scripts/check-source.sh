#!/bin/sh
# Source checks that the compiler does not make: banned functions (unbounded
# or non-reentrant), SQL text outside store/, sqlite3.h and microhttpd.h
# outside their one home. Prints each offence and exits 1 if there is any.
set -u
cd "$(dirname "$0")/.."
status=0
offend() {
	echo "check-source: $*"
	status=1
}
# Unsafe or stateful: sprintf, strcpy, strcat, strtok, gets, atoi in new code.
hits=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strtok|gets|strncpy)\s*\(' src/*/*.c src/*/*.h tools/*.c 2>/dev/null)
[ -n "$hits" ] && offend "banned function:
$hits"
hits=$(grep -ln '#include <sqlite3.h>' src/*/*.c src/*/*.h | grep -v '^src/store/')
[ -n "$hits" ] && offend "sqlite3.h outside src/store/: $hits"
hits=$(grep -ln '#include <microhttpd.h>' src/*/*.c src/*/*.h | grep -v '^src/web/http_server.c$')
[ -n "$hits" ] && offend "microhttpd.h outside src/web/http_server.c: $hits"
hits=$(grep -ln '#include <xlsxwriter.h>' src/*/*.c src/*/*.h | grep -v '^src/io/xlsx_writer.c$')
[ -n "$hits" ] && offend "xlsxwriter.h outside src/io/xlsx_writer.c: $hits"
# The domain layer is pure: no SQL, no HTTP, no file formats.
hits=$(grep -lE '#include "(store|io|report|web|cli)/' src/domain/*.c src/domain/*.h)
[ -n "$hits" ] && offend "src/domain/ must not include store, io, report, web or cli: $hits"
hits=$(grep -lE '#include "(io|report|web|cli)/' src/store/*.c src/store/*.h)
[ -n "$hits" ] && offend "src/store/ must not include io, report, web or cli: $hits"
hits=$(grep -lE '#include <(jansson|libfyaml|csv)\.h>' src/domain/*.c src/domain/*.h)
[ -n "$hits" ] && offend "src/domain/ must not use format libraries: $hits"
# Every store function that takes a statement from the cache opens a scope
# first (store/db_internal.h: DB_SCOPE), so its statements are reset when
# it returns and no read is left open on the connection.
hits=$(awk '
	/^{$/ { body = ""; start = FNR; name = prev; inside = 1; next }
	/^}$/ && inside { if (body ~ /db_stmt\(/ && body !~ /DB_SCOPE\(/) print FILENAME ":" start ": " name; inside = 0 }
	inside { body = body $0 "\n" }
	{ prev = $0 }
' src/store/*.c | grep -v '^src/store/db.c:[0-9]*: sqlite3_stmt \*db_stmt')
[ -n "$hits" ] && offend "a store function uses db_stmt without DB_SCOPE:
$hits"
exit $status
