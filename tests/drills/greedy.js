// Slow and greedy clients for the limits drill (d_limits.sh): what an
// anonymous client on the network can send a waymark server before it has
// signed in. Node's own net and http modules only: no packages.
//
//   node greedy.js CONFIG.json
//
// CONFIG: { base, seconds, slowAddress, greedyAddress, slowConnections }
//   slowloris  slowConnections sockets from slowAddress, each sending a
//              request line and then one header byte a second, never
//              finishing; a socket the server closes is opened again
//              after half a second
//   headers    from greedyAddress, one at a time: a request with a 1 MB header
//   bodies     from greedyAddress, two at a time: a 64 MB file sent with a
//              form (to /login and /imports/roster) as fast as the server
//              takes it
//   logins     from greedyAddress, four at a time: POST /login with a 10 KB
//              login name and a wrong password
// Everything is on loopback, bounded in count, and stops by itself when
// the time is up. Prints one JSON summary line on standard output: for
// each client the answers it got ({"413": n, ...}), "reset" for a
// connection closed without an answer, "refused" for one never accepted.
'use strict';
const net = require('net');
const http = require('http');
const fs = require('fs');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const base = new URL(config.base);
const port = +base.port;
const deadline = Date.now() + config.seconds * 1000;
const stats = {
	slowloris: { opened: 0, closedByServer: 0, heldMax: 0 },
	headers: {}, bodies: {}, logins: {},
};

function count(table, what) {
	table[what] = (table[what] || 0) + 1;
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function timeLeft() {
	return Date.now() < deadline;
}

// The status of the first response line in text, or null.
function statusOf(text) {
	const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
	return m ? m[1] : null;
}

// ---- slowloris ----

const held = new Set();

function slowSocket() {
	if (!timeLeft()) return;
	const s = net.connect({ host: base.hostname, port, localAddress: config.slowAddress });
	const line = 'X-Trickle: slow\r\n';
	let sent = 0, timer = null, connected = false;
	stats.slowloris.opened++;
	s.on('connect', () => {
		connected = true;
		held.add(s);
		s.write('GET /dashboard HTTP/1.1\r\nHost: ' + base.host + '\r\n');
		timer = setInterval(() => {
			if (!timeLeft()) {
				s.destroy();
				return;
			}
			s.write(line[sent++ % line.length]);
		}, 1000);
	});
	s.on('error', () => {});
	s.on('data', () => {});
	s.on('close', () => {
		clearInterval(timer);
		held.delete(s);
		if (connected && timeLeft()) stats.slowloris.closedByServer++;
		if (timeLeft()) setTimeout(slowSocket, 500);
	});
}

// ---- one raw request: resolves to its status, "reset" or "refused" ----

function raw(head, bodyBytes, bodyStart, bodyEnd) {
	return new Promise((resolve) => {
		const s = net.connect({ host: base.hostname, port, localAddress: config.greedyAddress });
		let got = '', done = false, accepted = false;
		const finish = (what) => {
			if (done) return;
			done = true;
			clearTimeout(guard);
			s.destroy();
			resolve(what);
		};
		// A request that gets no answer in 5 s is given up.
		const guard = setTimeout(() => finish('no answer'), 5000);
		s.on('connect', () => {
			accepted = true;
			s.write(head);
			if (!bodyBytes) return;
			s.write(bodyStart);
			const chunk = Buffer.alloc(64 * 1024, 'a');
			let left = bodyBytes - bodyStart.length - bodyEnd.length;
			const pump = () => {
				while (left > 0 && !done) {
					const piece = left < chunk.length ? chunk.subarray(0, left) : chunk;
					left -= piece.length;
					if (!s.write(piece)) {
						s.once('drain', pump);
						return;
					}
				}
				if (!done) s.write(bodyEnd);
			};
			pump();
		});
		s.on('data', (d) => {
			got += d.toString('latin1');
			const status = statusOf(got);
			if (status) finish(status);
		});
		s.on('error', () => {});
		s.on('close', () => finish(statusOf(got) || (accepted ? 'reset' : 'refused')));
	});
}

async function hugeHeaders() {
	const big = 'a'.repeat(1024 * 1024);
	while (timeLeft()) {
		count(stats.headers, await raw('GET /login HTTP/1.1\r\nHost: ' + base.host +
					       '\r\nX-Big: ' + big + '\r\n\r\n'));
		await sleep(50);
	}
}

// A 64 MB file sent with a form, to the sign-in form and to the roster
// import, without signing in.
async function hugeBodies() {
	const size = 64 * 1024 * 1024;
	const start = '--drill\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n' +
		      'Content-Type: text/csv\r\n\r\n';
	const end = '\r\n--drill--\r\n';
	let n = 0;
	while (timeLeft()) {
		const path = n++ % 2 ? '/imports/roster' : '/login';
		count(stats.bodies, await raw('POST ' + path + ' HTTP/1.1\r\nHost: ' + base.host +
					      '\r\nOrigin: ' + config.base +
					      '\r\nContent-Type: multipart/form-data; boundary=drill' +
					      '\r\nContent-Length: ' + size + '\r\n\r\n', size, start, end));
		await sleep(50);
	}
}

// ---- the login flood ----

function login(agent, name) {
	return new Promise((resolve) => {
		const body = new URLSearchParams({ login: name, password: 'not the password' }).toString();
		const req = http.request({ host: base.hostname, port, method: 'POST', path: '/login',
					   localAddress: config.greedyAddress, agent, timeout: 5000,
					   headers: { 'Content-Type': 'application/x-www-form-urlencoded',
						      'Content-Length': Buffer.byteLength(body),
						      Origin: config.base } }, (res) => {
			res.resume();
			res.on('end', () => resolve(String(res.statusCode)));
			res.on('error', () => resolve('reset'));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (e) => resolve(e.code === 'ECONNREFUSED' ? 'refused' : 'reset'));
		req.end(body);
	});
}

async function logins(i) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	let n = 0;
	while (timeLeft()) {
		// 10 KB names, a different one each time.
		const name = 'flood' + i + '-' + (n++) + '-' + 'x'.repeat(10 * 1024);
		count(stats.logins, await login(agent, name));
	}
	agent.destroy();
}

(async () => {
	for (let i = 0; i < config.slowConnections; i++) slowSocket();
	const sampler = setInterval(() => {
		stats.slowloris.heldMax = Math.max(stats.slowloris.heldMax, held.size);
	}, 250);
	await Promise.all([hugeHeaders(), hugeBodies(), hugeBodies(),
			   logins(0), logins(1), logins(2), logins(3)]);
	// Let the slow sockets notice the time is up.
	while (held.size) await sleep(100);
	clearInterval(sampler);
	console.log(JSON.stringify(stats));
	process.exit(0);
})();
