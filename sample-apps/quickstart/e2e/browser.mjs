// Shared by the e2e scripts: launches headless Chromium (CHROMIUM, default /usr/bin/chromium) with playwright-core
// on an empty profile, runs a scenario on one page, fails on page errors, and sets the exit code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const timeout = 20000;

/**
 * Prints "ok - what" when the condition holds, throws naming what failed and what was seen otherwise.
 */
export function check(condition, what, detail) {
	if (!condition) {
		throw new Error('check failed: ' + what + (detail !== undefined ? ' (got: ' + JSON.stringify(detail) + ')' : ''));
	}
	console.log('ok - ' + what);
}

/**
 * Runs scenario(page) in a fresh headless Chromium; prints "E2E PASSED" or the failure (exit code 1).
 * options.allowedErrors: a pattern of console errors the scenario expects (such as an HTTP status it provokes).
 */
export async function launch(scenario, options = {}) {
	const userDataDir = mkdtempSync(join(tmpdir(), 'quickstart-e2e-'));
	let context;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
			headless: true,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
				'--disable-background-networking', '--disable-component-update', '--disable-sync'],
			viewport: { width: 1280, height: 820 },
			timeout,
		});
		const page = context.pages()[0] || await context.newPage();
		page.setDefaultTimeout(timeout);
		const pageErrors = [];
		page.on('pageerror', (error) => pageErrors.push(String(error)));
		page.on('console', (message) => {
			if (message.type() === 'error' && !(options.allowedErrors && options.allowedErrors.test(message.text()))) {
				pageErrors.push(message.text());
			}
		});
		await scenario(page);
		check(pageErrors.length === 0, 'the page logged no errors', pageErrors);
		console.log('E2E PASSED');
	}
	catch (failure) {
		console.error(failure && failure.stack ? failure.stack : String(failure));
		process.exitCode = 1;
	}
	finally {
		if (context) {
			await context.close();
		}
		rmSync(userDataDir, { recursive: true, force: true });
	}
}
