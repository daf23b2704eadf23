// End-to-end check of the quickstart's web UI when Cohere is not configured, run by
// QuickstartWebUiWithoutKeyE2ETests: the API's 503 must be shown to the user, in the chat and in the extract form.
//
// usage: node no-key.spec.mjs <baseUrl>
// Prints one "ok - ..." line per check and "E2E PASSED" at the end; exits 1 with the failure otherwise.
import { launch, check } from './browser.mjs';

const [baseUrl] = process.argv.slice(2);
if (!baseUrl) {
	console.error('usage: node no-key.spec.mjs <baseUrl>');
	process.exit(2);
}

await launch(async (page) => {
	await page.goto(baseUrl + '/');
	await page.fill('#message', 'Hello');
	await page.press('#message', 'Enter');
	const error = page.locator('.message.assistant.has-error .error');
	await error.waitFor();
	const chatError = await error.textContent();
	check(chatError.startsWith('Cohere is not configured') && chatError.includes('cohere.api-key'),
		'the chat shows the 503 naming the property to set', chatError);
	check(await page.locator('.message.assistant .cursor').count() === 0, 'no cursor is left after the error');
	await page.waitForSelector('#send:enabled');
	check(await page.locator('#message').isEditable(), 'the input is usable again after the error');

	await page.fill('#extract-text', 'Ada Lovelace, ada@example.org');
	await page.click('#extract-submit');
	await page.waitForSelector('#extract-error:not([hidden])');
	const extractError = await page.locator('#extract-error').textContent();
	check(extractError.startsWith('Cohere is not configured'), 'the extract form shows the 503', extractError);
	check(await page.locator('#extract-result').isHidden(), 'no record is shown after the error');
}, { allowedErrors: /status of 503/ });
