// End-to-end check of the quickstart's web UI in headless Chromium, run by QuickstartWebUiE2ETests against the
// application started with Cohere served by WireMock.
//
// usage: node chat.spec.mjs <baseUrl> <screenshotPath>
// Prints one "ok - ..." line per check and "E2E PASSED" at the end; exits 1 with the failure otherwise.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launch, check } from './browser.mjs';

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
	console.error('usage: node chat.spec.mjs <baseUrl> <screenshotPath>');
	process.exit(2);
}

await launch(async (page) => {
	await page.goto(baseUrl + '/');
	check(await page.title() === 'springcohere quickstart', 'the page is served at /', await page.title());

	// chat: the model calls order_status, then streams an answer citing the tool's output; every change of the
	// answer is recorded (its text without the citation numbers, and whether the cursor shows)
	await page.evaluate(() => {
		window.answerSnapshots = [];
		new MutationObserver(() => {
			const answer = document.querySelector('.message.assistant .answer');
			if (answer) {
				const text = Array.from(answer.childNodes).filter((node) => node.nodeName !== 'SUP')
					.map((node) => node.textContent).join('');
				window.answerSnapshots.push({ text: text, cursor: answer.querySelector('.cursor') !== null });
			}
		}).observe(document.getElementById('conversation'), { childList: true, subtree: true, characterData: true });
	});
	await page.fill('#message', 'Where is my order A-1001?');
	await page.press('#message', 'Enter');
	await page.waitForSelector('.message.user >> text=Where is my order A-1001?');
	check(true, 'the user message appears in the conversation');

	const card = page.locator('.message.assistant .tool-card').first();
	await card.waitFor();
	check(await card.locator('.tool-name').textContent() === 'order_status', 'a tool call card names the tool',
		await card.locator('.tool-name').textContent());
	check((await card.locator('.tool-arguments').textContent()).includes('"orderId": "A-1001"'),
		'the tool call card shows the arguments', await card.locator('.tool-arguments').textContent());
	await page.waitForSelector('.message.assistant .tool-card.done');
	const toolResult = await card.locator('.tool-result').textContent();
	check(toolResult.includes('"status": "shipped"') && toolResult.includes('2026-11-25'),
		'the tool call card shows the result of the real tool', toolResult);
	check((await page.locator('.message.assistant .tool-plan').textContent()) === 'I will look the order up.',
		'the tool plan is shown', await page.locator('.message.assistant .tool-plan').textContent());

	const expected = 'Order A-1001 has shipped and should arrive on 2026-11-25.';
	await page.waitForSelector('.message.assistant .meta:not(:empty)');
	const snapshots = await page.evaluate(() => window.answerSnapshots);
	const partial = snapshots.find((snapshot) => snapshot.cursor && snapshot.text.length > 0
		&& snapshot.text !== expected && expected.startsWith(snapshot.text));
	check(partial !== undefined, 'the answer streams in with a cursor: saw "' + (partial ? partial.text : '') + '"', snapshots);
	const answerText = await page.locator('.message.assistant .answer').textContent();
	check(answerText === expected.replace('has shipped', 'has shipped[1]'),
		'the whole answer is shown once the stream ends, the citation numbered', answerText);
	check(await page.locator('.message.assistant .cursor').count() === 0, 'the cursor is gone after the end event');
	check((await page.locator('.message.assistant .meta').textContent()).includes('COMPLETE'),
		'the finish reason is shown', await page.locator('.message.assistant .meta').textContent());

	const mark = page.locator('.message.assistant mark.citation');
	check(await mark.count() === 1, 'one citation is highlighted', await mark.count());
	check(await mark.textContent() === 'has shipped', 'the highlight covers the cited span', await mark.textContent());
	const tooltip = await mark.getAttribute('title');
	check(tooltip.includes('call-1:0') && tooltip.includes('shipped'), 'the highlight\'s tooltip names its source', tooltip);
	const source = page.locator('.message.assistant .sources li.source').first();
	check((await source.locator('.source-id').textContent()) === 'call-1:0', 'the source list shows the cited tool result',
		await source.locator('.source-id').textContent());
	check((await source.locator('.source-content').textContent()).includes('"eta": "2026-11-25"'),
		'the source list shows the source\'s content', await source.locator('.source-content').textContent());
	await mark.hover();
	check(await source.evaluate((item) => item.classList.contains('active')), 'hovering the highlight marks its source');

	// extract: the typed Contact record
	await page.fill('#extract-text', 'Write to Ada Lovelace (Analytical Engines) at ada@example.org or call +44 20 1234.');
	await page.click('#extract-submit');
	await page.waitForSelector('#extract-result:not([hidden])');
	const field = async (name) => page.locator('#extract-result [data-field="' + name + '"] dd').textContent();
	check(await page.locator('#extract-result .record-type').textContent() === 'Contact', 'the record type is shown');
	check(await field('name') === 'Ada Lovelace', 'the extracted name is shown', await field('name'));
	check(await field('email') === 'ada@example.org', 'the extracted email is shown', await field('email'));
	check(await field('phone') === '+44 20 1234', 'the extracted phone is shown', await field('phone'));
	check(await field('company') === 'Analytical Engines', 'the extracted company is shown', await field('company'));

	await page.mouse.move(0, 0);
	await mark.hover();
	mkdirSync(dirname(screenshotPath), { recursive: true });
	await page.screenshot({ path: screenshotPath });
	check(true, 'screenshot written to ' + screenshotPath);

	// errors: a failing Cohere call ends the stream with an error shown in the answer
	await page.fill('#message', 'Please fail');
	await page.press('#message', 'Enter');
	const error = page.locator('.message.assistant.has-error .error');
	await error.waitFor();
	const errorText = await error.textContent();
	check(errorText.startsWith('Cohere call failed') && errorText.includes('500'), 'a failed run shows the error', errorText);
	await page.waitForSelector('#send:enabled');
	check(await page.locator('#message').isEditable(), 'the input is usable again after the error');
});
