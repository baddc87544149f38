// Load clients for the drills and the concurrent-saves benchmark: staff who
// sign in and save registers, and readers who open a report, against a
// waymark server on loopback. Node's own http module only: no packages.
//
//   node client.js CONFIG.json
//
// CONFIG: { base, seconds, writers: [{login, password, event}],
//           readers: [{login, password}], readerPath, log, retryDown,
//           reusePage }
// Each writer signs in (changing its one-time password), then until the
// time is up opens its event's register and saves every pupil on it with a
// fresh random set of marks. Lines of the log (JSON, one per line):
//   {"t":"try","w":i,"n":k,"event":e,"marks":{id:status,...}}  before a save
//   {"t":"ack","w":i,"n":k}                                    when the server confirmed it
// so that a checker can tell acknowledged saves from those in flight when
// the server died. With reusePage a writer opens its register once and
// then only saves, each time with a new key of its own (the benchmark of
// the save alone). With retryDown, a refused connection (a server killed
// and being restarted) is waited out instead of counted as an error.
// Prints one JSON summary line on standard output.
'use strict';
const http = require('http');
const fs = require('fs');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const base = new URL(config.base);
// Set once everyone has signed in, so that the time is all saving.
let deadline = Date.now() + config.seconds * 1000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const log = config.log ? fs.openSync(config.log, 'a') : null;

function writeLog(obj) {
	// Synchronous, so that a line is on disk before the request is sent.
	if (log !== null) fs.writeSync(log, JSON.stringify(obj) + '\n');
}

// One request; resolves {status, headers, body} or rejects on a network error.
function request(session, method, path, form, ownAgent) {
	return new Promise((resolve, reject) => {
		const body = form ? new URLSearchParams(form).toString() : null;
		const headers = { Cookie: session.cookie || '' };
		if (body !== null) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			headers['Content-Length'] = Buffer.byteLength(body);
			headers.Origin = config.base;
		}
		const req = http.request({ host: base.hostname, port: base.port, method, path, headers,
					   agent: ownAgent || session.agent, timeout: 30000,
					   localAddress: session.localAddress }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const set = res.headers['set-cookie'];
				if (set) {
					const m = /waymark_session=([^;]*)/.exec(set.join(';'));
					if (m) session.cookie = m[1] ? 'waymark_session=' + m[1] : '';
				}
				resolve({ status: res.statusCode, headers: res.headers,
					  body: Buffer.concat(chunks).toString('utf8') });
			});
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
		if (body !== null) req.write(body);
		req.end();
	});
}

function csrfOf(html) {
	const m = /name="csrf" value="([0-9a-f]+)"/.exec(html);
	return m ? m[1] : '';
}

// Each member of staff on a device of their own, as in a school (the
// server allows 32 connections per address): 127.0.1.1, 127.0.1.2, ...
let devices = 0;

async function signIn(account) {
	const session = { cookie: '', agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
			  localAddress: '127.0.1.' + (1 + devices++ % 254) };
	for (;;) {
		try {
			const fresh = 'a long drill password for ' + account.login;
			let r = await request(session, 'POST', '/login',
					      { login: account.login, password: account.password, next: '/dashboard' });
			// A second run: the one-time password was changed in the first.
			if (r.status === 401 && account.password !== fresh) {
				account.password = fresh;
				r = await request(session, 'POST', '/login',
						  { login: account.login, password: fresh, next: '/dashboard' });
			}
			if (r.status !== 303) throw new Error('sign-in of ' + account.login + ': ' + r.status);
			if (r.headers.location === '/account/password') {
				r = await request(session, 'GET', '/account/password');
				r = await request(session, 'POST', '/account/password',
						  { csrf: csrfOf(r.body), current: account.password, new: fresh, again: fresh });
				if (r.status !== 303) throw new Error('password of ' + account.login + ': ' + r.status);
				account.password = fresh;
			}
			r = await request(session, 'GET', '/dashboard');
			session.csrf = csrfOf(r.body);
			return session;
		} catch (e) {
			if (!(config.retryDown && down(e)) || Date.now() > deadline) throw e;
			await sleep(100);
		}
	}
}

function down(e) {
	return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code) ||
	       e.message === 'timeout' || e.message === 'socket hang up';
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function percentile(sorted, p) {
	if (!sorted.length) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
}

const statuses = ['present', 'absent', 'excused'];
const stats = { saves: 0, errors: 0, down: 0, reads: 0, readErrors: 0, errorSamples: [],
		saveMs: [], readMs: [] };

function error(what) {
	if (stats.errorSamples.length < 10) stats.errorSamples.push(what);
}

function newKey() {
	return require('crypto').randomBytes(16).toString('hex');
}

async function writer(i, account, session) {
	let n = 0, kept = null;
	while (Date.now() < deadline) {
		try {
			const page = kept || await request(session, 'GET', '/events/' + account.event + '/register');
			if (config.reusePage && page.status === 200) kept = page;
			if (page.status !== 200) {
				stats.errors++;
				error('register page ' + page.status);
				continue;
			}
			const ids = [...new Set([...page.body.matchAll(/name="m(\d+)"/g)].map((m) => m[1]))];
			const form = { csrf: csrfOf(page.body) };
			const key = /name="key" value="([^"]+)"/.exec(page.body);
			if (key) form.key = kept ? newKey() : key[1];
			const marks = {};
			for (const id of ids) {
				marks[id] = statuses[Math.floor(Math.random() * statuses.length)];
				form['m' + id] = marks[id];
			}
			n++;
			writeLog({ t: 'try', w: i, n, event: account.event, marks });
			const started = process.hrtime.bigint();
			const r = await request(session, 'POST', '/events/' + account.event + '/register', form);
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			if (r.status === 303 && /done=saved/.test(r.headers.location || '')) {
				writeLog({ t: 'ack', w: i, n });
				stats.saves++;
				stats.saveMs.push(ms);
			} else {
				stats.errors++;
				error('save ' + r.status);
			}
		} catch (e) {
			if (config.retryDown && down(e)) {
				stats.down++;
				await sleep(50);
				continue;
			}
			stats.errors++;
			error('save: ' + e.message);
		}
	}
}

async function reader(account, session) {
	while (Date.now() < deadline) {
		const started = process.hrtime.bigint();
		try {
			const r = await request(session, 'GET', config.readerPath || '/reports/entitlement');
			if (r.status === 200) {
				stats.reads++;
				stats.readMs.push(Number(process.hrtime.bigint() - started) / 1e6);
			} else {
				stats.readErrors++;
				error('read ' + r.status);
			}
		} catch (e) {
			if (config.retryDown && down(e)) {
				await sleep(50);
				continue;
			}
			stats.readErrors++;
			error('read: ' + e.message);
		}
	}
}

(async () => {
	const writers = config.writers || [], readers = config.readers || [];
	const signedIn = await Promise.allSettled([...writers, ...readers].map(signIn));
	deadline = Date.now() + config.seconds * 1000;
	const jobs = [];
	signedIn.forEach((r, i) => {
		if (r.status === 'rejected')
			jobs.push(Promise.reject(r.reason));
		else if (i < writers.length)
			jobs.push(writer(i, writers[i], r.value));
		else
			jobs.push(reader(readers[i - writers.length], r.value));
	});
	const results = await Promise.allSettled(jobs);
	for (const r of results)
		if (r.status === 'rejected') {
			stats.errors++;
			error('client: ' + r.reason.message);
		}
	stats.saveMs.sort((a, b) => a - b);
	stats.readMs.sort((a, b) => a - b);
	const seconds = config.seconds;
	console.log(JSON.stringify({
		saves: stats.saves, errors: stats.errors, down: stats.down,
		savesPerSecond: +(stats.saves / seconds).toFixed(1),
		saveP50: +percentile(stats.saveMs, 50).toFixed(1),
		saveP99: +percentile(stats.saveMs, 99).toFixed(1),
		reads: stats.reads, readErrors: stats.readErrors,
		readP50: +percentile(stats.readMs, 50).toFixed(1),
		readP99: +percentile(stats.readMs, 99).toFixed(1),
		errorSamples: stats.errorSamples,
	}));
	agent.destroy();
	process.exit(0);
})();
