'use strict';
// Every page, for each role that may see it, checked by axe-core against
// WCAG 2.2 A and AA: at desktop width, and on a 390 px phone for the tutor's
// pages (which must not scroll sideways either); forms shown again with
// their problems; the error pages. Then the register from the keyboard.
const assert = require('node:assert/strict');
const path = require('node:path');
const {
	test, FIXTURES, PHONE, submit, open, pathOf, mainText, axeResults, checkAccessibility, screenshot,
	checkNoSidewaysScroll,
} = require('./harness');
const { IMPORT, SCHEDULE, REGISTER, ACTIVITY, ACTIVITY_NAME } = require('./t_story');

const ADEYEMI = 'K886400111001';

// The story's event's register, found as a user finds it: from /events.
registerPath.route = '/events/:id/register';
async function registerPath(page) {
	await open(page, '/events');
	const link = page.locator('table.events tr', { hasText: ACTIVITY_NAME }).locator('a.register-link');
	return link.getAttribute('href');
}

// The story's event's own page, and its form, found from /events.
eventPath.route = '/events/:id';
async function eventPath(page) {
	await open(page, '/events');
	return page.locator('table.events tr', { hasText: ACTIVITY_NAME }).locator('th a').first()
		.getAttribute('href');
}
eventEditPath.route = '/events/:id/edit';
async function eventEditPath(page) {
	return (await eventPath(page)) + '/edit';
}

// Tom Tutor's page, found from the list of users.
tomsUserPath.route = '/users/:id';
async function tomsUserPath(page) {
	await open(page, '/users');
	return page.getByRole('link', { name: 'Tom Tutor' }).getAttribute('href');
}

// [who, where (a path, or a function of a page that finds it), options]:
// status (200 unless given), phone (390 x 844), shot (a screenshot's name),
// needs (the story's steps the page's content needs). A function is named
// in the test's name by its route.
const PAGES = [
	[null, '/login', { shot: 'login' }],
	[null, '/no-such-page', { status: 404 }],

	['lee', '/dashboard', {}],
	['lee', '/programme', { shot: 'programme' }],
	['lee', `/programme/activities/${ACTIVITY}`, { shot: 'activity-edit' }],
	['lee', '/events', { needs: [SCHEDULE] }],
	['lee', '/events/new', {}],
	['lee', eventPath, { needs: [SCHEDULE] }],
	['lee', eventEditPath, { needs: [SCHEDULE] }],
	['lee', '/organisations', {}],
	['lee', '/benchmarks/checklist', {}],
	['lee', `/events/new?activity=${ACTIVITY}&date=2025-11-05`, {}],
	['lee', registerPath, { needs: [REGISTER], shot: 'register-leader' }],
	['lee', '/pupils', {}],
	['lee', '/pupils?q=7A', { needs: [IMPORT] }],
	['lee', '/pupils?q=nobody', {}],
	['lee', `/pupils/${ADEYEMI}`, { needs: [REGISTER], shot: 'pupil-record' }],
	['lee', `/pupils/${ADEYEMI}/guidance`, { needs: [IMPORT] }],
	['lee', '/reports', { shot: 'reports' }],
	['lee', '/reports/entitlement', { needs: [REGISTER], shot: 'report-entitlement' }],
	['lee', '/reports/entitlement?year_group=7&subgroup=pp', { needs: [REGISTER] }],
	['lee', '/reports/entitlement?activity=careers-fair', {}],
	['lee', '/reports/benchmarks', { shot: 'report-benchmarks' }],
	['lee', '/reports/provider-access', { shot: 'report-provider-access' }],
	['lee', '/imports', { needs: [IMPORT], shot: 'imports' }],
	['lee', '/account', {}],
	['lee', '/account/password', {}],
	['lee', '/account/two-factor', {}],
	['lee', '/no-such-page', { status: 404, shot: 'error-404' }],

	['ada', '/dashboard', {}],
	['ada', '/programme', {}],
	['ada', `/programme/activities/${ACTIVITY}`, {}],
	['ada', '/events', { needs: [SCHEDULE] }],
	['ada', '/events/new', {}],
	['ada', registerPath, { needs: [REGISTER] }],
	['ada', '/pupils?q=Y7', { needs: [IMPORT] }],
	['ada', `/pupils/${ADEYEMI}`, { needs: [REGISTER] }],
	['ada', `/pupils/${ADEYEMI}/guidance`, { needs: [IMPORT] }],
	['ada', '/reports', {}],
	['ada', '/reports/entitlement', { needs: [REGISTER] }],
	['ada', '/reports/benchmarks', {}],
	['ada', '/reports/provider-access', {}],
	['ada', '/imports', {}],
	['ada', '/account', {}],
	['ada', '/users', { shot: 'users' }],
	['ada', '/users/new', {}],
	['ada', tomsUserPath, { shot: 'user' }],
	['ada', '/settings', { shot: 'settings' }],
	['ada', '/audit', { shot: 'audit' }],

	['avi', '/dashboard', {}],
	['avi', '/programme', {}],
	['avi', '/events', {}],
	['avi', '/pupils?q=Adeyemi', { needs: [IMPORT] }],
	['avi', `/pupils/${ADEYEMI}`, { needs: [IMPORT] }],
	['avi', `/pupils/${ADEYEMI}/guidance`, { needs: [IMPORT] }],
	['avi', '/account', {}],

	['tom', '/dashboard', { phone: true, shot: 'dashboard-tutor-phone' }],
	['tom', '/programme', { phone: true, shot: 'programme-tutor-phone' }],
	['tom', '/events', { phone: true, needs: [SCHEDULE], shot: 'events-tutor-phone' }],
	['tom', registerPath, { phone: true, needs: [REGISTER] }],
	['tom', '/pupils', { phone: true, needs: [IMPORT], shot: 'pupils-tutor-phone' }],
	['tom', `/pupils/${ADEYEMI}`, { phone: true, needs: [REGISTER], shot: 'pupil-record-tutor-phone' }],
	['tom', '/account', { phone: true }],
	['tom', '/users', { phone: true, status: 403 }],
	['tom', '/events', {}],
	['tom', registerPath, { needs: [REGISTER] }],

	['gov', '/dashboard', { shot: 'dashboard-governor' }],
	['gov', '/programme', {}],
	['gov', '/reports', {}],
	['gov', '/reports/entitlement', { needs: [REGISTER] }],
	['gov', '/reports/benchmarks', {}],
	['gov', '/reports/provider-access', {}],
	['gov', '/account', {}],
	['gov', '/pupils', { status: 403 }],
];

test('axe: legacy mode finds what the default mode finds, on the dashboard', async (t) => {
	const page = await t.page('lee');
	await open(page, '/dashboard');
	const rules = (results) => ['violations', 'passes', 'incomplete'].map((kind) =>
		`${kind}: ${results[kind].map((r) => `${r.id} ${r.nodes.length}`).sort().join(', ')}`);
	assert.deepEqual(rules(await axeResults(page, { legacy: true })), rules(await axeResults(page, { legacy: false })));
});

// Pages speak to someone in a browser: no commands to type and no options
// (issue 10). Form fields' names are not text, so only what is read counts.
async function checkNoCommandLine(page, label) {
	const text = await page.locator('body').innerText();
	const found = text.match(/`[^`]*`|\bwaymark [a-z]+ [a-z-]+|(^|\s)--[a-z][a-z-]+/m);
	if (found)
		throw new Error(`${label} shows command-line syntax to a browser user: "${found[0].trim()}"`);
}

for (const [who, where, options] of PAGES) {
	const width = options.phone ? ` at ${PHONE.width} px` : '';
	const label = typeof where === 'string' ? where : where.route;
	const name = `axe: ${label} ${who ? `as ${who}` : 'signed out'}${width}`;
	test(name, async (t) => {
		const page = await t.sharedPage(who, { phone: options.phone });
		const target = typeof where === 'string' ? where : await where(page);
		await open(page, target, options.status || 200);
		await checkAccessibility(page, label);
		await checkNoCommandLine(page, label);
		if (options.phone)
			await checkNoSidewaysScroll(page, PHONE.width);
		if (options.shot)
			await screenshot(page, options.shot);
	}, { needs: options.needs || [] });
}

// Forms shown again with their problems, and what a form leaves on screen.

test('axe: an activity edit with problems, as lee', async (t) => {
	const page = await t.page('lee');
	await open(page, `/programme/activities/${ACTIVITY}`);
	await page.getByLabel(/^Name/).fill('');
	await page.getByLabel(/^Sessions/).fill('0');
	const response = await submit(page, page.getByRole('button', { name: /^Save/ }));
	assert.equal(response.status(), 400);
	const summary = page.getByRole('alert');
	assert.match(await summary.innerText(), /There is a problem/);
	await checkAccessibility(page, 'the activity edit with problems');
	await screenshot(page, 'activity-edit-problems');
	// The summary's links go to the fields.
	await summary.getByRole('link').first().click();
	assert.equal(await page.evaluate(() => document.activeElement.id), 'name');
});

test('axe: imports after a dry run with errors, as lee', async (t) => {
	const page = await t.page('lee');
	await open(page, '/imports');
	const roster = page.locator('section', { has: page.getByRole('heading', { name: 'Roster' }) });
	await roster.getByLabel(/^Roster file/).setInputFiles(path.join(FIXTURES, 'rosters', 'bad.csv'));
	await roster.getByLabel(/^Some pupils only/).check();
	const response = await submit(page, roster.getByRole('button', { name: 'Check the roster' }));
	assert.equal(response.status(), 422);
	assert.match(await page.getByRole('alert').innerText(), /9 errors: nothing was imported/);
	assert.equal(await page.locator('table.problems tbody tr').count(), 10);
	assert.equal(await page.getByRole('button', { name: 'Confirm the import' }).count(), 0);
	await checkAccessibility(page, 'the roster check page with errors');
	await screenshot(page, 'imports-roster-errors');
	// No file at all: the form again, with what to do.
	await open(page, '/imports');
	await page.locator('#roster-file').evaluate((input) => input.removeAttribute('required'));
	await roster.getByLabel(/^The whole school/).check();
	const again = await submit(page, roster.getByRole('button', { name: 'Check the roster' }));
	assert.equal(again.status(), 400);
	assert.match(await mainText(page), /Choose a file to check/);
	await checkAccessibility(page, 'the imports page with an error');
	// A register file with neither an event chosen nor Activity and Date
	// columns: the problem in words for the page, not the command line's.
	const register = page.locator('section', { has: page.getByRole('heading', { name: 'Register' }) });
	await open(page, '/imports');
	await register.getByLabel(/^Register file/).setInputFiles({
		name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from('UPN,Attendance\r\nK886400111001,present\r\n'),
	});
	const checked = await submit(page, register.getByRole('button', { name: 'Check the register' }));
	assert.equal(checked.status(), 422);
	assert.match(await mainText(page), /say which event it is the register of/);
	await checkNoCommandLine(page, 'the register check with errors');
	await checkAccessibility(page, 'the register check with errors');
});

test('axe: a whole-school check that would mark most pupils as left, as lee', async (t) => {
	const page = await t.page('lee');
	await open(page, '/imports');
	const roster = page.locator('section', { has: page.getByRole('heading', { name: 'Roster' }) });
	// Two of the ten pupils: a joiners file, checked as if it were the whole school.
	const lines = require('node:fs').readFileSync(path.join(FIXTURES, 'rosters', 'sims.csv'), 'utf8')
		.split('\n');
	await roster.getByLabel(/^Roster file/).setInputFiles({
		name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.slice(0, 6).join('\n') + '\n'),
	});
	await roster.getByLabel(/^The whole school/).check();
	const response = await submit(page, roster.getByRole('button', { name: 'Check the roster' }));
	assert.equal(response.status(), 200);
	assert.match(await mainText(page), /Pupils who would leave: 8/);
	assert.equal(await page.locator('table', { hasText: 'Pupils who would leave' }).locator('tbody tr').count(), 8);
	await page.getByLabel(/^Type the number of pupils leaving/).fill('8');
	assert.doesNotMatch(await mainText(page), /--/);
	await checkAccessibility(page, 'the roster check page with pupils leaving');
	await screenshot(page, 'imports-roster-leaving');
}, { needs: [IMPORT] });

test('axe: adding a member of staff shows the one-time password, as ada', async (t) => {
	const page = await t.page('ada');
	await open(page, '/users/new');
	await page.getByLabel(/^Login/).fill('tess');
	await page.getByLabel(/^Name/).fill('Tess Tutor');
	await page.getByLabel(/^Role/).selectOption('tutor');
	await page.getByLabel(/^Tutor groups/).fill('7B');
	const response = await submit(page, page.getByRole('button', { name: /^Add/ }));
	assert.equal(response.status(), 200);
	assert.match(await mainText(page), /Tess Tutor was added as tutor/);
	assert.match(await page.locator('.secret code').innerText(), /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
	await checkAccessibility(page, 'the new user\'s one-time password');
});

test('axe: the pupils search with nothing found, as tom at 390 px', async (t) => {
	const page = await t.page('tom', { phone: true });
	await open(page, '/pupils');
	await page.getByLabel(/^Find a pupil/).fill('Nowak');
	await submit(page, page.getByRole('button', { name: 'Search' }), { tap: true });
	assert.match(await mainText(page), /No pupils match\. You see the pupils of your groups: 7A/);
	await checkAccessibility(page, 'the pupils search with nothing found');
	await checkNoSidewaysScroll(page, PHONE.width);
}, { needs: [IMPORT] });

// The calendar's forms, opened: the weeks and the file upload, and a named
// date saved from the keyboard (issue 11).
test('axe: the calendar opened and a named date saved, as lee at 390 px', async (t) => {
	const page = await t.page('lee', { phone: true });
	await open(page, '/events');
	for (const summary of await page.locator('details > summary').all())
		await summary.click();
	await checkAccessibility(page, 'the calendar with its weeks and upload open');
	await checkNoSidewaysScroll(page, PHONE.width);
	await page.getByLabel(/^Date of The KGA Annual Careers Fair/).fill('2025-10-16');
	await submit(page, page.getByRole('button', { name: /^Save the date of The KGA Annual Careers Fair/ }));
	assert.match(await mainText(page), /The named date was saved\./);
	await checkAccessibility(page, 'the calendar after saving a date');
});

// The keyboard alone: the skip link first, then every pupil's marks, each
// with a visible focus, then saving.
test('the register works from the keyboard: Tab reaches every control, focus is visible', async (t) => {
	const page = await t.page('tom');
	await open(page, await registerPath(page));

	const focused = () => page.evaluate(() => {
		const el = document.activeElement;
		const label = el.closest('label');
		const style = getComputedStyle(el);
		const around = label ? getComputedStyle(label) : style;
		const group = el.closest('fieldset');
		return {
			tag: el.tagName.toLowerCase(), type: el.type || '', text: (el.innerText || el.value || '').trim(),
			name: el.name || '', checked: !!el.checked, focusVisible: el.matches(':focus-visible'),
			outline: `${style.outlineStyle} ${style.outlineWidth}`,
			labelOutline: `${around.outlineStyle} ${around.outlineWidth}`,
			group: group ? group.querySelector('legend').textContent.trim() : null,
			left: el.getBoundingClientRect().left,
		};
	});
	const visible = (f) => f.focusVisible && f.outline.startsWith('solid') && parseFloat(f.outline.split(' ')[1]) >= 2;

	await page.keyboard.press('Tab');
	let f = await focused();
	assert.equal(f.text, 'Skip to main content');
	assert.ok(visible(f) && f.left >= 0, `the skip link is not visible when focused: ${JSON.stringify(f)}`);

	// Tab on to the Save button: every pupil's group of marks on the way.
	const groups = [];
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		f = await focused();
		if (f.type === 'radio') {
			assert.ok(visible(f), `no visible focus on ${f.group}'s ${f.text}: ${JSON.stringify(f)}`);
			assert.ok(f.labelOutline.startsWith('solid'), `the focused mark's label has no outline: ${JSON.stringify(f)}`);
			groups.push(f.group);
		}
		if (f.tag === 'button' && f.text === 'Save register')
			break;
	}
	assert.equal(f.text, 'Save register', 'Tab never reached the Save button');
	assert.ok(visible(f), `no visible focus on the Save button: ${JSON.stringify(f)}`);
	assert.deepEqual(groups, ['Adeyemi, Seun (7A)', 'Brown, Zoë (7A)']);

	// Back to the first pupil: arrows move the mark, Space keeps it.
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Shift+Tab');
	f = await focused();
	assert.equal(f.group, 'Adeyemi, Seun (7A)');
	assert.equal(f.text, 'present');
	await page.keyboard.press('ArrowRight');
	f = await focused();
	assert.ok(f.checked && f.text === 'absent', `ArrowRight: ${JSON.stringify(f)}`);
	await page.keyboard.press('ArrowLeft');
	f = await focused();
	assert.ok(f.checked && f.text === 'present', `ArrowLeft: ${JSON.stringify(f)}`);
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	f = await focused();
	assert.equal(f.text, 'Save register');
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
	assert.equal(await page.getByRole('status').first().innerText(), 'Register saved: 2 present, 0 absent, 0 excused.');
	await checkAccessibility(page, 'the register after saving');
}, { needs: [REGISTER] });
