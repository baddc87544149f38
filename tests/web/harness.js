'use strict';
// The browser tests' harness: a small runner, one Chromium for the whole run,
// and what every test does (sign in through the login form, submit a form and
// wait for the page it leads to, check a page with axe-core, take a screenshot).
//
// Tests run one at a time in the order they are registered. A test may name
// the tests it needs (the story's earlier steps); if one of them failed, it is
// counted as failed too, with the reason, rather than run against a school
// that is not as it expects. Each test gets its own browser contexts, closed
// when it ends; a failing test leaves a screenshot of each of its pages in
// output/failures/.
//
// run.sh sets the environment: WAYMARK_WEB_BASE (the server's address),
// WAYMARK_WEB_USERS (login, role and one-time password of each user),
// WAYMARK_WEB_OUTPUT, WAYMARK_WEB_COUNTS (where "passed failed" goes),
// WAYMARK_FIXTURES, WAYMARK, WAYMARK_DB and WAYMARK_TODAY.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { chromium } = require('playwright-core');
const AxeBuilder = require('@axe-core/playwright').default;

function env(name) {
	const value = process.env[name];
	if (!value)
		throw new Error(`${name} is not set: run the browser tests with tests/web/run.sh`);
	return value;
}

const BASE = env('WAYMARK_WEB_BASE');
const OUTPUT = env('WAYMARK_WEB_OUTPUT');
const FIXTURES = env('WAYMARK_FIXTURES');

// A browser in an English school: British English (Accept-Language), London time.
const ENGLISH_SCHOOL = { locale: 'en-GB', timezoneId: 'Europe/London' };
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TEST_TIMEOUT_MS = 45000;
const ACTION_TIMEOUT_MS = 10000;
// WCAG 2.0, 2.1 and 2.2, levels A and AA: every rule axe-core has for them.
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
	'--no-first-run'];

// ---- Users ----

// login -> { role, password }: the one-time password until the first
// sign-in replaces it with newPassword(login).
const users = new Map();
for (const line of fs.readFileSync(env('WAYMARK_WEB_USERS'), 'utf8').split('\n')) {
	if (!line)
		continue;
	const [login, role, password] = line.split('\t');
	users.set(login, { role, password, oneTime: true });
}

function newPassword(login) {
	return `a long password for ${login}`;
}

function user(login) {
	const u = users.get(login);
	if (!u)
		throw new Error(`no user ${login} in run.sh`);
	return u;
}

// ---- The runner ----

const tests = [];

// test(name, fn, { needs: [names] }): fn(t) gets a TestContext.
function test(name, fn, options = {}) {
	if (tests.some((x) => x.name === name))
		throw new Error(`two tests are called "${name}"`);
	for (const need of options.needs || [])
		if (!tests.some((x) => x.name === need))
			throw new Error(`"${name}" needs "${need}", which is not registered before it`);
	tests.push({ name, fn, needs: options.needs || [] });
}

// The tests whose name contains filter, with the tests they need.
function select(filter) {
	const wanted = new Set();
	const want = (x) => {
		if (wanted.has(x.name))
			return;
		wanted.add(x.name);
		for (const need of x.needs)
			want(tests.find((y) => y.name === need));
	};
	for (const x of tests)
		if (!filter || x.name.includes(filter))
			want(x);
	return tests.filter((x) => wanted.has(x.name));
}

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text) {
	return String(text).split('\n').map((line) => `    ${line}`).join('\n');
}

// An error's message, and the first line of its stack inside a test file.
function describeError(err) {
	const message = err && err.message ? err.message : String(err);
	const here = err && err.stack ? err.stack.split('\n').find((l) => /tests\/web\/t_/.test(l)) : null;
	return here ? `${message}\n${here.trim()}` : message;
}

async function runAll(filter) {
	const selected = select(filter);
	if (!selected.length)
		throw new Error(`no test's name contains "${filter}"`);
	fs.mkdirSync(OUTPUT, { recursive: true });
	const started = Date.now();
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	console.log(`Chromium ${browser.version()}, axe-core ${require('axe-core/package.json').version}, ${BASE}`);
	const passedTests = new Set();
	let passed = 0;
	let failed = 0;
	try {
		for (const x of selected) {
			const missing = x.needs.filter((need) => !passedTests.has(need));
			if (missing.length) {
				failed++;
				console.log(`FAIL ${x.name}\n    not run: it needs "${missing.join('", "')}", which failed`);
				continue;
			}
			const t = new TestContext(browser, x.name);
			const t0 = Date.now();
			let timer;
			try {
				const timeout = new Promise((_, reject) => {
					timer = setTimeout(() => reject(new Error(`timed out after ${seconds(TEST_TIMEOUT_MS)}`)),
						TEST_TIMEOUT_MS);
				});
				const run = x.fn(t);
				run.catch(() => {});
				await Promise.race([run, timeout]);
				passed++;
				passedTests.add(x.name);
				console.log(`ok ${x.name} (${seconds(Date.now() - t0)})`);
			} catch (err) {
				failed++;
				console.log(`FAIL ${x.name} (${seconds(Date.now() - t0)})\n${indent(describeError(err))}`);
				await t.failureScreenshots();
			} finally {
				clearTimeout(timer);
				await t.close();
			}
		}
	} finally {
		for (const page of sharedPages.values())
			await page.context().close().catch(() => {});
		await browser.close();
	}
	console.log(`time: ${seconds(Date.now() - started)} for ${selected.length} tests`);
	fs.writeFileSync(env('WAYMARK_WEB_COUNTS'), `${passed} ${failed}\n`);
	return failed === 0;
}

// ---- What a test uses ----

// Signed-in sessions, kept as Playwright storage states so that each test
// opens its pages in fresh contexts without signing in again.
const sessions = new Map();
// "login|phone" -> a page kept for the run (TestContext.sharedPage).
const sharedPages = new Map();

class TestContext {
	constructor(browser, name) {
		this.browser = browser;
		this.name = name;
		this.contexts = [];
		this.shared = [];
	}

	// A new page in a new browser context: signed in as login (null: signed
	// out), at desktop width or on a 390 x 844 phone.
	async page(login, { phone = false } = {}) {
		const context = await this.newContext(login, phone);
		this.contexts.push(context);
		return context.newPage();
	}

	// A page kept for the whole run, one per user and width, for tests that
	// only look (a new context per page costs Chromium a new renderer).
	async sharedPage(login, { phone = false } = {}) {
		const key = `${login}|${phone}`;
		if (!sharedPages.has(key)) {
			const context = await this.newContext(login, phone);
			sharedPages.set(key, await context.newPage());
		}
		const page = sharedPages.get(key);
		this.shared.push(page);
		return page;
	}

	async newContext(login, phone) {
		const storageState = login ? await this.session(login) : undefined;
		const context = await this.browser.newContext({
			baseURL: BASE, storageState, acceptDownloads: true, ...ENGLISH_SCHOOL,
			viewport: phone ? PHONE : DESKTOP, isMobile: phone, hasTouch: phone,
		});
		context.setDefaultTimeout(ACTION_TIMEOUT_MS);
		return context;
	}

	// login's session, signing in through the form the first time (and
	// choosing a new password, as a first sign-in must).
	async session(login) {
		if (!sessions.has(login)) {
			const context = await this.browser.newContext({ baseURL: BASE, viewport: DESKTOP, ...ENGLISH_SCHOOL });
			context.setDefaultTimeout(ACTION_TIMEOUT_MS);
			try {
				const page = await context.newPage();
				await signIn(page, login);
				sessions.set(login, await context.storageState());
			} finally {
				await context.close();
			}
		}
		return sessions.get(login);
	}

	async failureScreenshots() {
		const dir = path.join(OUTPUT, 'failures');
		fs.mkdirSync(dir, { recursive: true });
		let n = 0;
		const pages = [...this.shared, ...this.contexts.flatMap((context) => context.pages())];
		for (const page of pages) {
			n++;
			await page.screenshot({ path: path.join(dir, `${slug(this.name)}-${n}.png`), fullPage: true })
				.catch(() => {});
		}
	}

	async close() {
		for (const context of this.contexts)
			await context.close().catch(() => {});
		this.contexts = [];
	}
}

function slug(text) {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

// Clicks what submits a form (or follows a link) and waits for the page it
// leads to, through any redirects; returns that page's response.
async function submit(page, control, { tap = false } = {}) {
	const [response] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		tap ? control.tap() : control.click(),
	]);
	return response;
}

// Goes to path and checks the status of the page it ends on.
async function open(page, where, status = 200) {
	const response = await page.goto(where);
	if (response.status() !== status)
		throw new Error(`${where}: status ${response.status()}, expected ${status}; the page says: ${
			(await mainText(page)).slice(0, 300)}`);
	return response;
}

function pathOf(page) {
	const url = new URL(page.url());
	return url.pathname + url.search;
}

async function mainText(page) {
	return (await page.locator('main').innerText().catch(() => page.locator('body').innerText()))
		.replace(/\s+/g, ' ').trim();
}

// Signs in through the login form; a first sign-in goes on to choose a new
// password. Ends on the dashboard (or wherever the login page was sent
// from).
async function signIn(page, login) {
	const u = user(login);
	if (!pathOf(page).startsWith('/login'))
		await open(page, '/login');
	await page.getByLabel('Login').fill(login);
	await page.getByLabel('Password', { exact: true }).fill(u.password);
	await submit(page, page.getByRole('button', { name: 'Sign in' }));
	if (pathOf(page) === '/account/password') {
		if (!u.oneTime)
			throw new Error(`${login} was asked for a new password again`);
		await choosePassword(page, login);
	}
	if (pathOf(page).startsWith('/login'))
		throw new Error(`signing in as ${login} failed: ${await mainText(page)}`);
}

// On /account/password after a first sign-in: the one-time password is
// replaced by newPassword(login).
async function choosePassword(page, login) {
	const u = user(login);
	await page.getByLabel('Current password').fill(u.password);
	await page.getByLabel(/^New password(?! again)/).fill(newPassword(login));
	await page.getByLabel('New password again').fill(newPassword(login));
	const response = await submit(page, page.getByRole('button', { name: 'Change password' }));
	if (response.status() !== 200 || pathOf(page) !== '/dashboard')
		throw new Error(`changing ${login}'s password: ${response.status()} ${pathOf(page)}: ${await mainText(page)}`);
	u.password = newPassword(login);
	u.oneTime = false;
}

// axe-core's results for the page as it is now, for the WCAG 2.2 A and AA
// rules. Legacy mode runs axe in the page itself; the default mode runs it
// in each frame and then gathers the results in a new blank page, which
// costs Chromium a renderer each time and doubled the suite's time. Waymark's
// pages have no frames, so both see the same document with the same rules
// (a test in t_pages.js compares them on a real page).
async function axeResults(page, { legacy = true } = {}) {
	return new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(legacy).analyze();
}

// Fails with every WCAG 2.2 A and AA violation axe-core finds on the page
// as it is now.
async function checkAccessibility(page, what) {
	const results = await axeResults(page);
	// A page where no rule applied means axe did not look at it.
	if (!results.passes.length && !results.violations.length)
		throw new Error(`axe-core checked nothing on ${what} (${pathOf(page)})`);
	if (!results.violations.length)
		return results;
	const lines = [];
	for (const v of results.violations) {
		lines.push(`${v.id} (${v.impact}): ${v.help} [${v.tags.filter((tag) => tag.startsWith('wcag')).join(' ')}]`);
		for (const node of v.nodes.slice(0, 5)) {
			lines.push(`  at ${node.target.join(' ')}: ${node.html.slice(0, 160)}`);
			const summary = (node.failureSummary || '').split('\n').slice(1, 3).join(' ').trim();
			if (summary)
				lines.push(`    ${summary.slice(0, 300)}`);
		}
		if (v.nodes.length > 5)
			lines.push(`  ... and ${v.nodes.length - 5} more`);
	}
	throw new Error(`axe-core: ${results.violations.length} WCAG 2.2 AA violation${
		results.violations.length === 1 ? '' : 's'} on ${what} (${pathOf(page)}):\n${lines.join('\n')}`);
}

// A full-page screenshot in the output folder.
async function screenshot(page, name) {
	await page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: true });
}

// Nothing wider than the viewport: the page does not scroll sideways.
async function checkNoSidewaysScroll(page, width) {
	const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
	if (scrollWidth > width)
		throw new Error(`${pathOf(page)} scrolls sideways at ${width} px: it is ${scrollWidth} px wide`);
}

// The real command line on the test's database (WAYMARK_DB), to check
// what the pages did; returns its standard output.
function waymark(...args) {
	return execFileSync(env('WAYMARK'), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// The current code of an authenticator app for a base-32 secret (RFC 6238:
// SHA-1, 30-second steps, six digits).
function totpCode(secretBase32, now = Date.now()) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const c of secretBase32.replace(/=+$/, '').toUpperCase())
		bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
	const key = Buffer.alloc(Math.floor(bits.length / 8));
	for (let i = 0; i < key.length; i++)
		key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
	const mac = crypto.createHmac('sha1', key).update(counter).digest();
	const offset = mac[mac.length - 1] & 0xf;
	const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
	return String(code).padStart(6, '0');
}

module.exports = {
	BASE, OUTPUT, FIXTURES, PHONE, DESKTOP,
	test, runAll, users, user, newPassword,
	submit, open, pathOf, mainText, signIn, choosePassword,
	axeResults, checkAccessibility, screenshot, checkNoSidewaysScroll, waymark, totpCode,
};
