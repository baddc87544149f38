# Every route of the web application with every role (issue "web
# application": "A table-driven test tries every route with every role").
#
# The table below is this test's own statement of who may use each route,
# written from the issue's roles, not read from src/web/routes.c; the test
# checks that it names every route there, so a new route cannot go
# untested. For each route and each of anonymous, admin, leader, adviser,
# tutor and governor:
#   - a role the table allows gets neither 403 nor a server error (nor 404
#     for a page: the paths below exist);
#   - a role it does not allow gets 403;
#   - anonymous gets a redirect to the sign-in page (GET) or 403 (POST),
#     except on public routes;
# and every POST a role may send is refused with 403 without its form token,
# and from another origin.
#
# Roles: a admin, l leader, v adviser, t tutor (7A), g governor; "public"
# needs no sign-in.
ROUTES='
GET  /                                  public
GET  /static/:file                      public
GET  /favicon.ico                       public
GET  /login                             public
POST /login                             public
GET  /login/code                        alvtg
POST /login/code                        alvtg
GET  /account                           alvtg
GET  /account/password                  alvtg
POST /account/password                  alvtg
GET  /account/two-factor                alvtg
POST /account/two-factor                alvtg
GET  /dashboard                         alvtg
GET  /programme                         alvtg
GET  /programme/activities/:id          al
POST /programme/activities/:id          al
GET  /calendar                          alvt
POST /calendar/dates                    al
POST /calendar/weeks                    al
POST /calendar/import                   al
GET  /events                            alvt
GET  /events/new                        al
POST /events/new                        al
GET  /events/:id                        al
POST /events/:id                        al
GET  /events/:id/edit                   al
POST /events/:id/cancel                 al
POST /events/:id/reinstate              al
POST /events/:id/delete                 al
GET  /organisations                     al
POST /organisations                     al
GET  /benchmarks/checklist              al
POST /benchmarks/checklist/:item        al
GET  /events/:id/register               alt
POST /events/:id/register               alt
GET  /pupils                            alvt
GET  /pupils/:upn                       alvt
GET  /pupils/:upn/guidance              alv
POST /pupils/:upn/guidance              alv
GET  /pupils/:upn/guidance/:id          alv
POST /pupils/:upn/guidance/:id          alv
POST /pupils/:upn/guidance/:id/delete   alv
GET  /reports                           alg
GET  /reports/entitlement               alg
GET  /reports/entitlement.csv           al
GET  /reports/benchmarks                alg
GET  /reports/benchmarks.csv            al
POST /reports/benchmarks/snapshot       al
GET  /reports/provider-access           alg
GET  /reports/provider-access.csv       al
GET  /imports                           al
POST /imports/roster                    al
POST /imports/register                  al
POST /imports/confirm                   al
POST /imports/:id/undo                  al
GET  /users                             a
GET  /users/new                         a
POST /users/new                         a
GET  /users/:id                         a
POST /users/:id/disable                 a
POST /users/:id/enable                  a
POST /users/:id/reset                   a
POST /users/:id/role                    a
GET  /settings                          a
POST /settings                          a
GET  /audit                             a
POST /logout                            alvtg
'
ROLES="a:admin l:leader v:adviser t:tutor g:governor"

# The concrete path of a pattern, for this school.
concrete() {
	printf '%s' "$1" | sed -e 's|:file|waymark.css|' -e 's|/programme/activities/:id|/programme/activities/careers-fair|' \
		-e 's#/events/:id/\(cancel\|reinstate\|delete\)#/events/2/\1#' -e 's|/events/:id|/events/1|' -e 's|/imports/:id|/imports/1|' -e 's|/guidance/:id|/guidance/1|' -e 's|:upn|K886400111001|' -e 's|:item|1.1|' -e "s|/users/:id|/users/$spare|"
}

test_web_every_route_with_every_role() {
	init_school
	run import students "$FIXTURES/rosters/sims.csv" --whole-school --as-of 2025-09-01
	expect_rc 0
	run event add fair-prep --date 2025-09-08 --year-group 7
	expect_out 1
	# Cancelled, reinstated and deleted by the roles that may.
	run event add fair-prep --date 2025-09-09 --year-group 7
	expect_out 2
	# The users the /users/:id routes act on: someone who never signs in.
	run user add spare --role tutor --scope 7B
	expect_rc 0
	spare=$(sqlite3 "$WAYMARK_DB" "SELECT id FROM user WHERE login = 'spare'")

	# The table covers every route of the application, and nothing more.
	grep -o '{ WEB_[A-Z]*, "[^"]*"' "$ROOT/src/web/routes.c" |
		sed 's/{ WEB_\([A-Z]*\), "\([^"]*\)"/\1 \2/' | sort >"$T/routes"
	printf '%s\n' "$ROUTES" | awk 'NF { print $1, $2 }' | sort >"$T/table"
	diff -u "$T/table" "$T/routes" >"$T/diff" ||
		fail "the table and src/web/routes.c differ (- table, + routes.c): $(cat "$T/diff")"

	web_start
	for r in $ROLES; do
		sign_in "${r#*:}" "${r#*:}" $([ "${r#*:}" = tutor ] && echo --scope 7A)
	done
	# The meeting the /guidance/:id routes act on: the adviser's own, so
	# that every role the table allows may change it.
	run guidance add K886400111001 --date 2025-10-01 --adviser adviser
	expect_out_has "K886400111001: guidance meeting on 2025-10-01"
	# /logout ends the session it is sent with: last.
	printf '%s\n' "$ROUTES" | awk 'NF && $2 != "/logout"' >"$T/order"
	printf '%s\n' "$ROUTES" | awk '$2 == "/logout"' >>"$T/order"
	checked=0
	while read -r method pattern allowed; do
		path=$(concrete "$pattern")
		# Anonymous.
		if [ "$method" = GET ]; then
			web_request nobody "$path"
		else
			web_request nobody "$path" -H "Origin: $BASE" -d x=1
		fi
		if [ "$allowed" = public ]; then
			case "$status" in 403 | 5??) fail "anonymous $method $path: $status" ;; esac
		elif [ "$method" = GET ]; then
			[ "$status" = 303 ] || fail "anonymous GET $path: $status, expected 303"
			case "$location" in "$BASE/login?next="*) ;; *) fail "anonymous GET $path went to $location" ;; esac
		else
			[ "$status" = 403 ] || fail "anonymous POST $path: $status, expected 403"
		fi
		checked=$((checked + 1))
		[ "$allowed" = public ] && continue
		for r in $ROLES; do
			letter=${r%%:*}
			login=${r#*:}
			case "$allowed" in *"$letter"*) may=yes ;; *) may=no ;; esac
			if [ "$method" = POST ] && [ "$may" = yes ]; then
				# Without the form token, and from another site: refused.
				post_raw "$login" "$path" "x=1"
				[ "$status" = 403 ] || fail "$login POST $path without a form token: $status"
				web_request "$login" "$path" -H "Origin: https://elsewhere.example" \
					--data-urlencode "csrf=$(cat "$T/$login.csrf")"
				[ "$status" = 403 ] || fail "$login POST $path from another origin: $status"
			fi
			if [ "$method" = GET ]; then
				get "$login" "$path"
			else
				post "$login" "$path"
			fi
			if [ "$may" = yes ]; then
				case "$status" in
				403 | 5??) fail "$login $method $path: $status, but the role may use it" ;;
				404) [ "$method" = POST ] || fail "$login GET $path: 404" ;;
				esac
			else
				[ "$status" = 403 ] || fail "$login $method $path: $status, expected 403"
			fi
			checked=$((checked + 1))
		done
	done <"$T/order"
	web_stop
	[ "$checked" -gt 250 ] || fail "only $checked requests checked"
}
