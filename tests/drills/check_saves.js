// Checks the database against the load client's log (client.js): every
// register a writer saved is in the database as it was acknowledged, or as
// a later save that was sent but not acknowledged (the server may have
// committed it before it died); never a mixture of two saves (half a
// register), and never marks nobody sent.
//
//   node check_saves.js SAVES.log MARKS.txt
//
// MARKS.txt: the database's marks of the writers' events, one
// "event|student|status" per line (sqlite3's default output).
// Prints "ok: ..." or the problems, one a line, and exits 1 on any.
'use strict';
const fs = require('fs');

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const tries = new Map();   // writer -> [{n, event, marks}] in order
const acked = new Map();   // writer -> Set of n
for (const line of lines) {
	const entry = JSON.parse(line);
	if (entry.t === 'try') {
		if (!tries.has(entry.w)) tries.set(entry.w, []);
		tries.get(entry.w).push(entry);
	} else if (entry.t === 'ack') {
		if (!acked.has(entry.w)) acked.set(entry.w, new Set());
		acked.get(entry.w).add(entry.n);
	}
}

const held = new Map();    // event -> Map(student -> status)
for (const line of fs.readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean)) {
	const [event, student, status] = line.split('|');
	if (!held.has(event)) held.set(event, new Map());
	held.get(event).set(student, status);
}

function same(marks, inDatabase) {
	const ids = Object.keys(marks);
	return ids.every((id) => inDatabase.get(id) === marks[id]);
}

const problems = [];
let registers = 0, acknowledged = 0, inFlightCommitted = 0;
for (const [writer, list] of tries) {
	registers++;
	const event = String(list[0].event);
	const inDatabase = held.get(event) || new Map();
	const done = acked.get(writer) || new Set();
	let last = -1;
	list.forEach((t, i) => { if (done.has(t.n)) last = i; });
	acknowledged += done.size;
	// What the register may hold now: the last acknowledged save, or any
	// save sent after it; before any acknowledged save, also nothing.
	const candidates = list.slice(Math.max(last, 0));
	const matched = candidates.findIndex((t) => same(t.marks, inDatabase));
	const pupils = Object.keys(list[0].marks);
	const nothing = last < 0 && pupils.every((id) => !inDatabase.has(id));
	if (matched < 0 && !nothing) {
		const lastMarks = last >= 0 ? list[last].marks : {};
		const differ = Object.keys(lastMarks).filter((id) => inDatabase.get(id) !== lastMarks[id]);
		problems.push(`event ${event} (writer ${writer}): the register matches none of the saves ` +
			      `sent since the last acknowledged one (${differ.length} of ${pupils.length} ` +
			      `pupils differ from it): a lost or half-applied save`);
	} else if (last >= 0 && matched > 0) {
		inFlightCommitted++;
	}
}
if (!registers) problems.push('the log holds no saves at all');
if (problems.length) {
	for (const p of problems) console.log(p);
	process.exit(1);
}
console.log(`ok: ${registers} registers, ${acknowledged} acknowledged saves all present, ` +
	    `${inFlightCommitted} unacknowledged saves found committed, no half register`);
