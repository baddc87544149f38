'use strict';
// The school's story, step by step through the pages, each step needing the
// ones before it: the careers leader imports the roster and schedules an
// event, a tutor takes its register on a phone, the dashboard moves when the
// register is completed, and the report's figures download as CSV.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
	test, FIXTURES, OUTPUT, PHONE, submit, open, pathOf, mainText, checkAccessibility, screenshot,
	checkNoSidewaysScroll, waymark,
} = require('./harness');

const IMPORT = 'the careers leader imports a roster: a dry run, then confirmed, and the pupils appear';
const SCHEDULE = 'the careers leader schedules an event: its term and week, a timing warning, then scheduled anyway';
const REGISTER = 'a tutor takes the register on a phone: big targets, marks saved, nothing scrolls sideways';
const DASHBOARD = 'the dashboard changes when the careers leader completes the register';

// The event of the story: a Year 7 activity with a timing rule (early in
// Term 1, before the careers fair week), on a date that breaks it.
const ACTIVITY = 'y7-careers-fair-preparation';
const ACTIVITY_NAME = '3 consecutive Tutor Times (Careers Fair preparation)';
const EVENT_DATE = '2025-11-05';

// The heat map's cell for an activity and a year group, as its words.
async function heatCell(page, activityName, yearGroup) {
	return page.evaluate(([name, year]) => {
		const table = document.querySelector('table.heat');
		const columns = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
		const column = columns.indexOf(`Y${year}`);
		for (const row of table.querySelectorAll('tbody tr'))
			if (row.querySelector('th').textContent.trim() === name)
				return row.children[column].textContent.trim();
		return null;
	}, [activityName, yearGroup]);
}

// The Entitlement card's counts: { below, met, notHeld }.
async function entitlementCard(page) {
	const text = (await page.locator('section', { has: page.getByRole('heading', { name: 'Entitlement', exact: true }) })
		.innerText()).replace(/\s+/g, ' ');
	const m = /(\d+) below (\d+) met, (\d+) not held yet/.exec(text);
	assert.ok(m, `no counts in the Entitlement card: ${text}`);
	return { below: Number(m[1]), met: Number(m[2]), notHeld: Number(m[3]) };
}

// The link to the story's event's register: "Take register: NAME" (or
// "Open register" once taken). Chromium names it with a space before the
// colon, the event's name being visually hidden.
function registerLinkName(verb) {
	return new RegExp(`^${verb} register ?: ${ACTIVITY_NAME.replace(/[()]/g, '\\$&')}$`);
}

// The Register cell of the story's event on /events: "not taken | Take
// register: NAME" (what it says, and its link's words).
async function registerCell(page) {
	const cell = page.locator('table.events tbody tr', { hasText: ACTIVITY_NAME }).locator('td').last();
	const status = (await cell.innerText()).split('\n')[0].trim();
	return `${status} | ${await cell.getByRole('link').textContent()}`;
}

test(IMPORT, async (t) => {
	const page = await t.page('lee');
	await open(page, '/pupils?q=Y7');
	assert.match(await mainText(page), /No pupils match/);

	await submit(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }));
	assert.equal(pathOf(page), '/imports');
	const roster = page.locator('section', { has: page.getByRole('heading', { name: 'Roster' }) });
	await roster.getByLabel(/^Roster file/).setInputFiles(path.join(FIXTURES, 'rosters', 'sims.csv'));
	assert.equal(await roster.getByLabel(/^Academic year/).inputValue(), '2025/26');
	// What the file holds is a choice, never a default.
	assert.ok(!(await roster.getByLabel(/^The whole school/).isChecked()));
	assert.ok(!(await roster.getByLabel(/^Some pupils only/).isChecked()));
	await roster.getByLabel(/^The whole school/).check();
	let response = await submit(page, roster.getByRole('button', { name: 'Check the roster' }));
	assert.equal(response.status(), 200);

	// The dry run: what it would do, and nothing done yet.
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Check the roster');
	const summary = await page.locator('ul.summary').innerText();
	assert.match(summary, /10 pupils for 2025\/26: 10 new, 0 updated, 0 left, 0 unchanged/);
	assert.match(await mainText(page), /Nothing has changed yet/);
	await checkAccessibility(page, 'the roster check page');
	await screenshot(page, 'imports-roster-check');
	assert.throws(() => waymark('report', 'student', 'K886400111001'), 'a pupil was imported by the dry run');

	response = await submit(page, page.getByRole('button', { name: 'Confirm the import' }));
	assert.equal(response.status(), 200);
	assert.equal(pathOf(page), '/imports?imported=students&new=10&updated=0&left=0&unchanged=0');
	assert.equal(await page.getByRole('status').first().innerText(),
		'The roster was imported: 10 new, 0 updated, 0 left, 0 unchanged.');
	assert.match(await page.locator('table', { hasText: 'The last imports' }).innerText(), /sims\.csv/);

	// The pupils are there: Year 7's three, by name, on /pupils.
	await submit(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pupils' }));
	await page.getByLabel(/^Find a pupil/).fill('Y7');
	await submit(page, page.getByRole('button', { name: 'Search' }));
	assert.equal(await page.getByRole('heading', { level: 2 }).first().innerText(), '3 pupils');
	const names = await page.locator('table tbody th').allInnerTexts();
	assert.deepEqual(names.map((n) => n.trim()).sort(), ['Seun Adeyemi', 'Zoë Brown', 'Łukasz Nowak']);
	await screenshot(page, 'pupils');
	await submit(page, page.getByRole('link', { name: 'Seun Adeyemi' }));
	assert.equal(pathOf(page), '/pupils/K886400111001');
	assert.match(await mainText(page), /Year 7, tutor group 7A/);
});

test(SCHEDULE, async (t) => {
	const page = await t.page('lee');
	await open(page, '/dashboard');
	assert.equal(await heatCell(page, ACTIVITY_NAME, 7), 'not held');

	await open(page, '/events');
	await submit(page, page.getByRole('link', { name: 'Schedule an event' }));
	assert.equal(pathOf(page), '/events/new');
	await page.getByLabel('Activity', { exact: true }).selectOption(ACTIVITY);
	await page.getByLabel('Date', { exact: true }).fill(EVENT_DATE);
	await page.getByLabel(/^Year group/).selectOption({ label: 'Year 7' });
	let response = await submit(page, page.getByRole('button', { name: 'Check the date' }));
	assert.equal(response.status(), 200);

	// The date's term and A/B week, and what breaks the timing rule.
	assert.equal((await page.locator('#date-hint').innerText()).trim(),
		'Wednesday 5 November 2025: Term 1 (Autumn term), week A, a school day.');
	const warning = page.getByRole('alert');
	assert.match(await warning.innerText(), /Check the timing/);
	assert.match(await warning.innerText(), /is not early in term 1/);
	assert.equal(await page.getByLabel('Activity', { exact: true }).inputValue(), ACTIVITY, 'the form forgot the activity');
	await checkAccessibility(page, 'the new event page with a timing warning');
	await screenshot(page, 'event-new-timing-warning');
	assert.equal(await page.getByRole('button', { name: 'Schedule event' }).count(), 0);

	response = await submit(page, page.getByRole('button', { name: 'Schedule anyway' }));
	assert.equal(response.status(), 200);
	assert.match(pathOf(page), /^\/events\?year=2025\/26&done=added&event=[0-9]+$/);
	assert.equal(await page.getByRole('status').first().innerText(), 'The event was added.');
	// The message and the new row are on screen together, the row marked
	// (issue 11: the confirmation was off-screen, the row not highlighted).
	const onScreen = (el) => {
		const box = el.getBoundingClientRect();
		return box.top >= 0 && box.bottom <= window.innerHeight;
	};
	assert.ok(await page.getByRole('status').first().evaluate(onScreen), 'the message is off-screen');
	const row = page.locator('table.events tbody tr[id]', { hasText: ACTIVITY_NAME });
	assert.equal(await row.count(), 1);
	assert.ok(await row.evaluate(onScreen), 'the new row is off-screen');
	assert.ok(await row.evaluate((el) => el.matches(':target')), 'the new row is not the target');
	const text = (await row.innerText()).replace(/\s+/g, ' ');
	assert.match(text, /Wed 5 Nov 2025 Term 1, week A/);
	assert.match(text, /Year 7/);
	assert.equal(await registerCell(page), `not taken | Take register: ${ACTIVITY_NAME}`);
	await screenshot(page, 'events');

	// Its date (5 November) has passed, but nobody has taken its register:
	// not held, for anyone (docs/registers.md), and listed for the leader.
	await open(page, '/dashboard');
	assert.equal(await heatCell(page, ACTIVITY_NAME, 7), 'register not taken');
	const overdue = page.locator('ul.registers li', { hasText: ACTIVITY_NAME });
	assert.match((await overdue.innerText()).replace(/\s+/g, ' '), /Wed 5 Nov 2025: register not taken$/);
}, { needs: [IMPORT] });

test(REGISTER, async (t) => {
	const page = await t.page('tom', { phone: true });
	await open(page, '/events');
	await checkNoSidewaysScroll(page, PHONE.width);
	await submit(page, page.getByRole('link', { name: registerLinkName('Take') }), { tap: true });
	assert.match(pathOf(page), /^\/events\/\d+\/register$/);
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Register: ${ACTIVITY_NAME}`);
	assert.match(await mainText(page), /Your groups 7A \(1 pupil of other groups not shown\)/);

	// 7A's two pupils, each a group of three large choices.
	const groups = page.getByRole('group');
	assert.deepEqual((await page.locator('.register legend').allInnerTexts()).map((s) => s.trim()),
		['Adeyemi, Seun (7A)', 'Brown, Zoë (7A)']);
	for (const label of await page.locator('.register label').all()) {
		const box = await label.boundingBox();
		assert.ok(box.height >= 44 && box.width >= 44,
			`the tap target "${await label.innerText()}" is ${box.width} x ${box.height} px, under 44 x 44`);
	}
	const adeyemi = groups.filter({ hasText: 'Adeyemi, Seun' });
	const brown = groups.filter({ hasText: 'Brown, Zoë' });
	await adeyemi.locator('label', { hasText: 'Present' }).tap();
	await brown.locator('label', { hasText: 'Absent' }).tap();
	assert.ok(await adeyemi.getByRole('radio', { name: 'Present' }).isChecked());
	assert.ok(await brown.getByRole('radio', { name: 'Absent' }).isChecked());
	await checkNoSidewaysScroll(page, PHONE.width);
	await screenshot(page, 'register-tutor-phone');

	const response = await submit(page, page.getByRole('button', { name: 'Save register' }), { tap: true });
	assert.equal(response.status(), 200);
	assert.match(pathOf(page), /\/register\?done=saved&present=1&absent=1&excused=0$/);
	assert.equal(await page.getByRole('status').first().innerText(), 'Register saved: 1 present, 1 absent, 0 excused.');
	assert.match(await mainText(page), /So far 1 present, 1 absent, 0 excused, 0 not marked/);
	assert.ok(await adeyemi.getByRole('radio', { name: 'Present' }).isChecked(), 'the saved mark is not shown');
	await checkNoSidewaysScroll(page, PHONE.width);
	await checkAccessibility(page, 'the register after saving, on a phone');
	await screenshot(page, 'register-tutor-phone-saved');

	await open(page, '/events');
	assert.equal(await registerCell(page), `1 of 2 present | Open register: ${ACTIVITY_NAME}`);
}, { needs: [IMPORT, SCHEDULE] });

test(DASHBOARD, async (t) => {
	const page = await t.page('lee');
	await open(page, '/dashboard');
	// Year 7 has three pupils: Seun present, Zoë absent, Łukasz (7B, not
	// the tutor's) not marked yet, so not counted: 1 of 2 (it was 1 of 3,
	// 33.3%, when an unmarked pupil counted as absent).
	const cellBefore = await heatCell(page, ACTIVITY_NAME, 7);
	assert.equal(cellBefore, 'below 50.0%');
	const before = await entitlementCard(page);
	const incomplete = page.locator('ul.registers li', { hasText: ACTIVITY_NAME });
	assert.match((await incomplete.innerText()).replace(/\s+/g, ' '), /: incomplete \(2 of 3 marked\)$/);
	await screenshot(page, 'dashboard-before-register');

	// Zoë came late after all; Łukasz was there too. One tap from the
	// dashboard opens the register.
	await submit(page, incomplete.getByRole('link', { name: ACTIVITY_NAME }));
	assert.match(pathOf(page), /^\/events\/\d+\/register$/);
	assert.match(await mainText(page), /So far 1 present, 1 absent, 0 excused, 1 not marked/);
	await page.getByRole('group', { name: /Brown, Zoë/ }).getByText('Present').click();
	await submit(page, page.getByRole('button', { name: 'Save, marking everyone not yet marked present' }));
	assert.equal(await page.getByRole('status').first().innerText(), 'Register saved: 3 present, 0 absent, 0 excused.');

	await open(page, '/dashboard');
	const cellAfter = await heatCell(page, ACTIVITY_NAME, 7);
	assert.equal(cellAfter, 'met 100.0%');
	assert.equal(await page.locator('ul.registers li', { hasText: ACTIVITY_NAME }).count(), 0,
		'a complete register is still listed to finish');
	assert.equal(await page.locator('table.heat td', { hasText: 'met 100.0%' }).first().getAttribute('class'), 'met');
	const after = await entitlementCard(page);
	assert.deepEqual(after, { below: before.below - 1, met: before.met + 1, notHeld: before.notHeld },
		`the Entitlement card went from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
	await screenshot(page, 'dashboard');
	await open(page, '/events');
	assert.equal(await registerCell(page), `3 of 3 present | Open register: ${ACTIVITY_NAME}`);
}, { needs: [REGISTER] });

test('the careers leader downloads the entitlement report as CSV', async (t) => {
	const page = await t.page('lee');
	await open(page, '/reports');
	await submit(page, page.getByRole('link', { name: 'Entitlement', exact: true }));
	assert.equal(pathOf(page), '/reports/entitlement');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download these figures (CSV)' }).click(),
	]);
	assert.equal(download.suggestedFilename(), 'entitlement-2025-26.csv');
	const file = path.join(OUTPUT, download.suggestedFilename());
	await download.saveAs(file);
	const text = fs.readFileSync(file, 'utf8');
	assert.ok(text.startsWith('\ufeff'), 'no byte order mark for Excel');
	const lines = text.slice(1).split(/\r?\n/);
	assert.equal(lines[0], 'year_group,activity_id,activity,cohort,sessions_held,eligible,received,percent,status,registers_not_taken,unmarked');
	assert.ok(lines.includes(`7,${ACTIVITY},${ACTIVITY_NAME},all,1,3,3,100.0,met,0,0`),
		`no row for the story's event in:\n${lines.slice(0, 8).join('\n')}`);
}, { needs: [DASHBOARD] });

module.exports = { IMPORT, SCHEDULE, REGISTER, DASHBOARD, ACTIVITY, ACTIVITY_NAME };
