'use strict';
// What the pages refuse: a POST without the form token (or from another
// site), guidance notes for a tutor, pupils' names for a governor.
const assert = require('node:assert/strict');
const {
	test, BASE, submit, open, pathOf, mainText, checkAccessibility, screenshot, waymark,
} = require('./harness');
const { IMPORT, REGISTER } = require('./t_story');

const ADEYEMI = 'K886400111001'; // 7A, the tutor's group
const PUPIL_WORDS = ['Oluwaseun', 'Seun', 'Adeyemi', 'Zoë', 'Brown', 'Łukasz', 'Nowak', 'Siân', 'Jones',
	'Aisha', 'Khan', 'Chloé', 'Smith-Jones', 'José', 'Silva', 'Ffion', 'Evans', 'Chidi', 'Okafor'];
const UPNS = ['K886400111001', 'Z886400111002', 'N886400111003', 'U801200005004', 'H801200005005',
	'V207000016006', 'J207000016007', 'Y207000016008', 'R919300123009', 'C919300123010'];

test('a POST without the form token is refused and changes nothing', async (t) => {
	const auditBefore = waymark('audit');
	const lee = await t.page('lee');
	await open(lee, '/events');
	const eventsBefore = await lee.locator('table.events tbody tr').count();
	const token = await lee.locator('input[name="csrf"]').first().getAttribute('value');
	assert.match(token, /^[0-9a-f]{32}$/);
	// The session's cookie and the page's own origin, but no token, or a
	// made-up one: refused.
	const form = { activity: 'y7-mini-interview', date: '2025-11-06', year_group: '7', title: 'Forged' };
	for (const csrf of [undefined, '0123456789abcdef0123456789abcdef']) {
		const response = await lee.context().request.post('/events/new', {
			form: csrf ? { ...form, csrf } : form, headers: { Origin: BASE }, maxRedirects: 0,
		});
		assert.equal(response.status(), 403, `csrf=${csrf}`);
		assert.match(await response.text(), /This form has expired or did not come from Waymark/);
	}
	// The right token from another site's page: refused too.
	const elsewhere = await lee.context().request.post('/events/new', {
		form: { ...form, csrf: token }, headers: { Origin: 'http://elsewhere.example' }, maxRedirects: 0,
	});
	assert.equal(elsewhere.status(), 403);
	assert.match(await elsewhere.text(), /sent from another site/);

	// An administrator's setting, without the token.
	const ada = await t.page('ada');
	const setting = await ada.context().request.post('/settings', {
		form: { two_factor_admins: 'yes' }, headers: { Origin: BASE }, maxRedirects: 0,
	});
	assert.equal(setting.status(), 403);

	// Nothing changed: no event, the setting as it was, no audit row.
	await open(lee, '/events');
	assert.equal(await lee.locator('table.events tbody tr').count(), eventsBefore);
	assert.equal(await lee.getByText('Forged').count(), 0);
	await open(ada, '/settings');
	assert.ok(await ada.getByLabel('Not required').isChecked(), 'the setting changed');
	await open(ada, '/dashboard');
	assert.equal(pathOf(ada), '/dashboard');
	const auditAfter = waymark('audit');
	const added = auditAfter.split('\n').filter((line) => !auditBefore.includes(line) &&
		!/\tlogin\.success\t|\tuser\.password\t/.test(line));
	assert.deepEqual(added, [], 'the audit log has new rows');
});

test('a tutor cannot open guidance notes; an adviser\'s notes stay theirs', async (t) => {
	// The adviser records a meeting with notes.
	const avi = await t.page('avi');
	await open(avi, `/pupils/${ADEYEMI}`);
	await submit(avi, avi.getByRole('link', { name: 'Personal guidance meetings and notes' }));
	assert.equal(pathOf(avi), `/pupils/${ADEYEMI}/guidance`);
	await avi.getByLabel('Date of the meeting').fill('2025-11-03');
	await avi.getByLabel(/^Held by the external careers adviser/).check();
	await avi.getByLabel(/^The adviser's qualification/).selectOption({ label: 'Level 6' });
	await avi.getByLabel(/^Notes/).fill('Wants to be a vet: sixth form biology.');
	const response = await submit(avi, avi.getByRole('button', { name: 'Record the meeting' }));
	assert.equal(response.status(), 200);
	assert.match(await mainText(avi), /Wants to be a vet/);
	await checkAccessibility(avi, 'the guidance page with a meeting');
	await screenshot(avi, 'guidance-adviser');

	// The tutor: the record of their own pupil, but neither the notes nor
	// the guidance page.
	const tom = await t.page('tom');
	await open(tom, `/pupils/${ADEYEMI}`);
	assert.match(await mainText(tom), /Careers record/);
	assert.equal(await tom.getByRole('link', { name: /guidance meetings and notes/ }).count(), 0);
	assert.doesNotMatch(await mainText(tom), /vet/);
	await open(tom, `/pupils/${ADEYEMI}/guidance`, 403);
	assert.equal(await tom.getByRole('heading', { level: 1 }).innerText(), 'Not allowed');
	assert.match(await tom.getByRole('alert').innerText(), /Your account does not give you access to this page/);
	assert.doesNotMatch(await mainText(tom), /vet/);
	await checkAccessibility(tom, 'the 403 page');
	await screenshot(tom, 'error-403');
}, { needs: [IMPORT] });

test('a governor sees the figures but no pupil\'s name or UPN', async (t) => {
	const gov = await t.page('gov');
	await open(gov, '/dashboard');
	const nav = await gov.getByRole('navigation', { name: 'Main' }).innerText();
	assert.doesNotMatch(nav, /Pupils|Imports|Users/);
	for (const where of ['/dashboard', '/programme', '/reports', '/reports/entitlement',
		'/reports/entitlement?missed=yes', '/reports/entitlement?year_group=7',
		'/reports/benchmarks', '/reports/provider-access']) {
		await open(gov, where);
		const text = await gov.locator('body').innerText();
		for (const word of [...PUPIL_WORDS, ...UPNS])
			assert.ok(!text.includes(word), `a governor sees "${word}" on ${where}`);
		assert.equal(await gov.locator('a[href*=".csv"]').count(), 0, `a CSV link on ${where}`);
	}
	// Year 7 has three pupils: its counts are hidden.
	await open(gov, '/reports/entitlement?year_group=7');
	assert.match(await mainText(gov), /Counts under 5 are shown as c/);
	await screenshot(gov, 'report-entitlement-governor');
	for (const where of ['/pupils', `/pupils/${ADEYEMI}`, '/events', '/reports/entitlement.csv'])
		await open(gov, where, 403);
}, { needs: [REGISTER] });
