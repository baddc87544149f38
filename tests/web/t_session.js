'use strict';
// Signing in and out: a first sign-in must choose a new password; two-step
// sign-in set up from the account page, then asked for at the next sign-in.
const assert = require('node:assert/strict');
const {
	test, user, newPassword, submit, open, pathOf, mainText, choosePassword,
	checkAccessibility, screenshot, totpCode,
} = require('./harness');

test('a first sign-in asks for a new password; signing out ends the session', async (t) => {
	const page = await t.page(null);
	// Signed out, a page sends you to sign in, and back afterwards.
	await open(page, '/pupils');
	assert.equal(pathOf(page), '/login?next=%2Fpupils');
	await checkAccessibility(page, 'the sign-in page');
	await screenshot(page, 'login');

	// A wrong password is refused, with the form again.
	await page.getByLabel('Login').fill('newbie');
	await page.getByLabel('Password', { exact: true }).fill('not the password');
	let response = await submit(page, page.getByRole('button', { name: 'Sign in' }));
	assert.equal(response.status(), 401);
	assert.match(await page.getByRole('alert').innerText(), /That login and password do not match an account/);
	await checkAccessibility(page, 'the sign-in page with an error');

	// The one-time password: a new one must be chosen before anything else.
	const oneTime = user('newbie').password;
	await page.getByLabel('Password', { exact: true }).fill(oneTime);
	await submit(page, page.getByRole('button', { name: 'Sign in' }));
	assert.equal(pathOf(page), '/account/password');
	assert.match(await mainText(page), /Choose your own password before you go on/);
	await checkAccessibility(page, 'the first sign-in password page');
	await screenshot(page, 'password-first-sign-in');
	await open(page, '/dashboard');
	assert.equal(pathOf(page), '/account/password', 'the dashboard opened before a new password was chosen');
	await choosePassword(page, 'newbie');
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Dashboard');
	assert.match(await page.locator('header').innerText(), /Nell Newbie \(careers leader\)/);

	// Signing out ends the session: pages ask to sign in again.
	await submit(page, page.getByRole('button', { name: 'Sign out' }));
	assert.equal(pathOf(page), '/login');
	await open(page, '/pupils');
	assert.equal(pathOf(page), '/login?next=%2Fpupils');
	// The one-time password no longer works; the new one does, and the
	// page asked for comes next.
	await page.getByLabel('Login').fill('newbie');
	await page.getByLabel('Password', { exact: true }).fill(oneTime);
	response = await submit(page, page.getByRole('button', { name: 'Sign in' }));
	assert.equal(response.status(), 401);
	await page.getByLabel('Password', { exact: true }).fill(newPassword('newbie'));
	await submit(page, page.getByRole('button', { name: 'Sign in' }));
	assert.equal(pathOf(page), '/pupils');
	assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Pupils');
});

test('two-step sign-in is set up from the account page and asked for at the next sign-in', async (t) => {
	const page = await t.page('twostep');
	await open(page, '/account');
	await checkAccessibility(page, 'the account page');
	await screenshot(page, 'account');
	assert.match(await mainText(page), /Two-step sign-in off/);
	await submit(page, page.getByRole('link', { name: 'Two-step sign-in' }));
	assert.equal(pathOf(page), '/account/two-factor');
	await checkAccessibility(page, 'the two-step sign-in page');
	await screenshot(page, 'two-factor');
	const secret = (await page.locator('figcaption code').innerText()).trim();
	assert.match(secret, /^[A-Z2-7]{32}$/);

	// A wrong code is refused; the app's code turns it on.
	await page.getByLabel('Code from the app').fill('000000' === totpCode(secret) ? '111111' : '000000');
	let response = await submit(page, page.getByRole('button', { name: 'Turn on two-step sign-in' }));
	assert.equal(response.status(), 400);
	await checkAccessibility(page, 'the two-step sign-in page with a wrong code');
	await submit(page, page.getByRole('link', { name: 'Try again' }));
	const enrolmentCode = totpCode(secret);
	await page.getByLabel('Code from the app').fill(enrolmentCode);
	await submit(page, page.getByRole('button', { name: 'Turn on two-step sign-in' }));
	assert.equal(pathOf(page), '/account');
	assert.match(await mainText(page), /Two-step sign-in on/);

	// Signed out and in again: the code page comes before anything else.
	await submit(page, page.getByRole('button', { name: 'Sign out' }));
	await page.getByLabel('Login').fill('twostep');
	await page.getByLabel('Password', { exact: true }).fill(newPassword('twostep'));
	await submit(page, page.getByRole('button', { name: 'Sign in' }));
	assert.equal(pathOf(page), '/login/code');
	await checkAccessibility(page, 'the code page');
	await screenshot(page, 'login-code');
	await open(page, '/dashboard');
	assert.equal(pathOf(page), '/login/code', 'the dashboard opened before the code was given');
	// A code is accepted once: the one that turned it on is refused now
	// (unless the clock moved on to another code meanwhile), and the app's
	// next code, within the window either side, is taken.
	if (totpCode(secret) === enrolmentCode) {
		await page.getByLabel(/^Code from your authenticator app/).fill(enrolmentCode);
		response = await submit(page, page.getByRole('button', { name: 'Continue' }));
		assert.equal(response.status(), 401, 'a code used already was accepted again');
		assert.equal(pathOf(page), '/login/code');
	}
	await page.getByLabel(/^Code from your authenticator app/).fill(totpCode(secret, Date.now() + 30000));
	response = await submit(page, page.getByRole('button', { name: 'Continue' }));
	assert.equal(response.status(), 200);
	assert.equal(pathOf(page), '/dashboard');
});
