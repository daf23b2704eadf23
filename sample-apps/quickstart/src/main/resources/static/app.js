// The quickstart's web UI: streams POST /api/chat/events (typed server-sent events) into the conversation and
// posts the extract form to /api/extract. Plain browser JavaScript, no build step.
'use strict';

(function () {
	const conversation = document.getElementById('conversation');
	const chatForm = document.getElementById('chat-form');
	const messageInput = document.getElementById('message');
	const sendButton = document.getElementById('send');
	const documentsInput = document.getElementById('documents');
	const extractForm = document.getElementById('extract-form');
	const extractText = document.getElementById('extract-text');
	const extractSubmit = document.getElementById('extract-submit');
	const extractResult = document.getElementById('extract-result');
	const extractError = document.getElementById('extract-error');
	const sourceTemplate = document.getElementById('source-template');

	const history = [];

	function element(tag, className, text) {
		const node = document.createElement(tag);
		if (className) {
			node.className = className;
		}
		if (text !== undefined) {
			node.textContent = text;
		}
		return node;
	}

	function pretty(value) {
		if (value === null || value === undefined) {
			return '';
		}
		return (typeof value === 'string') ? value : JSON.stringify(value, null, 2);
	}

	function scrollToEnd() {
		conversation.scrollTop = conversation.scrollHeight;
	}

	function documents() {
		return documentsInput.value.split(/\n\s*\n/)
			.map((text) => text.trim())
			.filter((text) => text.length > 0)
			.map((text, index) => ({ id: 'doc-' + (index + 1), text: text }));
	}

	// Reads an error body ({"error": "..."} from the API, anything else as text) into a message.
	async function errorMessage(response) {
		const body = await response.text();
		try {
			const json = JSON.parse(body);
			if (json && typeof json.error === 'string') {
				return json.error;
			}
		}
		catch (ignored) {
			// not JSON: show the body as it came
		}
		return 'HTTP ' + response.status + (body ? ': ' + body : '');
	}

	// Parses a text/event-stream body, calling onEvent(name, data) for every event.
	async function readEvents(response, onEvent) {
		const reader = response.body.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		for (;;) {
			const { value, done } = await reader.read();
			if (done) {
				break;
			}
			buffer += decoder.decode(value, { stream: true });
			let boundary;
			while ((boundary = buffer.search(/\r?\n\r?\n/)) >= 0) {
				const block = buffer.slice(0, boundary);
				buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
				let name = 'message';
				const data = [];
				for (const line of block.split(/\r?\n/)) {
					if (line.startsWith('event:')) {
						name = line.slice(6).trim();
					}
					else if (line.startsWith('data:')) {
						data.push(line.slice(5).replace(/^ /, ''));
					}
				}
				if (data.length > 0) {
					onEvent(name, JSON.parse(data.join('\n')));
				}
			}
		}
	}

	// One assistant answer in the conversation: tool plan, tool call cards, text with citations, sources, error.
	class Answer {
		constructor() {
			this.text = '';
			this.finished = false;
			this.citations = [];
			this.sourceNumbers = new Map();
			this.toolCards = new Map();
			this.node = element('article', 'message assistant');
			this.node.appendChild(element('div', 'role', 'Cohere'));
			this.plan = element('p', 'tool-plan');
			this.plan.hidden = true;
			this.tools = element('div', 'tool-calls');
			this.body = element('div', 'answer');
			this.cursor = element('span', 'cursor');
			this.body.appendChild(this.cursor);
			this.sources = element('ol', 'sources');
			this.sources.hidden = true;
			this.meta = element('div', 'meta');
			this.node.append(this.plan, this.tools, this.body, this.sources, this.meta);
			conversation.appendChild(this.node);
		}

		addText(fragment) {
			this.text += fragment;
			this.render();
		}

		addPlan(fragment) {
			this.plan.hidden = false;
			this.plan.textContent += fragment;
		}

		addCitation(citation) {
			let start = citation.start;
			let end = citation.end;
			if (this.text.slice(start, end) !== citation.text && citation.text) {
				// offsets counted differently (e.g. code points): find the cited text instead
				start = this.text.indexOf(citation.text);
				end = start + citation.text.length;
			}
			if (start < 0 || end <= start || end > this.text.length) {
				return;
			}
			const numbers = citation.sources.map((source) => this.sourceNumber(source));
			this.citations.push({ start: start, end: end, numbers: numbers, sources: citation.sources });
			this.citations.sort((a, b) => a.start - b.start);
			this.render();
		}

		sourceNumber(source) {
			const key = source.type + ':' + source.id;
			if (!this.sourceNumbers.has(key)) {
				const number = this.sourceNumbers.size + 1;
				this.sourceNumbers.set(key, number);
				const item = sourceTemplate.content.firstElementChild.cloneNode(true);
				item.dataset.number = String(number);
				item.querySelector('.source-number').textContent = '[' + number + ']';
				item.querySelector('.source-id').textContent = source.id;
				item.querySelector('.source-type').textContent = source.type;
				item.querySelector('.source-content').textContent = pretty(source.content);
				this.sources.appendChild(item);
				this.sources.hidden = false;
			}
			return this.sourceNumbers.get(key);
		}

		sourceItem(number) {
			return this.sources.querySelector('li[data-number="' + number + '"]');
		}

		render() {
			this.body.textContent = '';
			let position = 0;
			for (const citation of this.citations) {
				if (citation.start < position) {
					continue; // overlapping span: the earlier one is shown
				}
				this.body.appendChild(document.createTextNode(this.text.slice(position, citation.start)));
				const mark = element('mark', 'citation', this.text.slice(citation.start, citation.end));
				mark.tabIndex = 0;
				mark.dataset.sources = citation.sources.map((source) => source.id).join(' ');
				mark.title = citation.sources.map((source) => source.id + ': ' + pretty(source.content)).join('\n\n');
				const items = citation.numbers.map((number) => this.sourceItem(number)).filter((item) => item);
				const highlight = (on) => items.forEach((item) => item.classList.toggle('active', on));
				mark.addEventListener('mouseenter', () => highlight(true));
				mark.addEventListener('mouseleave', () => highlight(false));
				mark.addEventListener('focus', () => highlight(true));
				mark.addEventListener('blur', () => highlight(false));
				this.body.appendChild(mark);
				this.body.appendChild(element('sup', 'citation-ref', citation.numbers.map((n) => '[' + n + ']').join('')));
				position = citation.end;
			}
			this.body.appendChild(document.createTextNode(this.text.slice(position)));
			if (!this.finished) {
				this.body.appendChild(this.cursor);
			}
			scrollToEnd();
		}

		toolCall(call) {
			const card = element('div', 'tool-card running');
			card.dataset.callId = call.id;
			const head = element('div', 'tool-head');
			head.append(element('span', 'tool-icon', '\u2692'), element('span', 'tool-name', call.name),
				element('span', 'tool-status', 'running…'));
			const args = element('pre', 'tool-arguments', pretty(call.arguments));
			const result = element('pre', 'tool-result');
			result.hidden = true;
			card.append(head, element('div', 'tool-label', 'Arguments'), args, result);
			this.tools.appendChild(card);
			this.toolCards.set(call.id, card);
			scrollToEnd();
		}

		toolResult(result) {
			const card = this.toolCards.get(result.id);
			if (!card) {
				return;
			}
			card.classList.remove('running');
			card.classList.add(result.error ? 'failed' : 'done');
			card.querySelector('.tool-status').textContent = (result.error ? 'failed' : 'done') + ' in ' + result.durationMs + ' ms';
			const output = card.querySelector('.tool-result');
			output.before(element('div', 'tool-label', 'Result'));
			output.textContent = pretty(result.result);
			output.hidden = false;
		}

		end(event) {
			this.finish();
			const tokens = (event.inputTokens != null || event.outputTokens != null)
				? (event.inputTokens ?? '?') + ' in / ' + (event.outputTokens ?? '?') + ' out tokens' : null;
			const firstText = (event.firstTextMs != null) ? 'first text ' + event.firstTextMs + ' ms' : null;
			const total = (event.totalMs != null) ? 'total ' + (event.totalMs / 1000).toFixed(2) + ' s' : null;
			this.meta.textContent = [event.finishReason, event.steps + (event.steps === 1 ? ' model call' : ' model calls'),
				tokens, firstText, total].filter((part) => part).join(' · ');
		}

		fail(message) {
			this.finish();
			this.node.classList.add('has-error');
			this.node.appendChild(element('div', 'error', message));
		}

		finish() {
			this.finished = true;
			this.cursor.remove();
		}
	}

	function addUserMessage(text) {
		const hint = document.getElementById('empty-hint');
		if (hint) {
			hint.remove();
		}
		const node = element('article', 'message user');
		node.append(element('div', 'role', 'You'), element('div', 'answer', text));
		conversation.appendChild(node);
		scrollToEnd();
	}

	async function send(message) {
		addUserMessage(message);
		const answer = new Answer();
		let ended = false;
		try {
			const response = await fetch('api/chat/events', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream, application/json' },
				body: JSON.stringify({ message: message, history: history.slice(-50), documents: documents() }),
			});
			if (!response.ok) {
				answer.fail(await errorMessage(response));
				return;
			}
			await readEvents(response, (name, data) => {
				switch (name) {
				case 'text': answer.addText(data.text); break;
				case 'tool-plan': answer.addPlan(data.text); break;
				case 'citation': answer.addCitation(data); break;
				case 'tool-call': answer.toolCall(data); break;
				case 'tool-result': answer.toolResult(data); break;
				case 'end': ended = true; answer.end(data); break;
				case 'error': ended = true; answer.fail(data.error); break;
				default: break;
				}
			});
			if (!ended) {
				answer.fail('The stream ended before the answer was complete.');
			}
			else if (!answer.node.classList.contains('has-error')) {
				history.push({ role: 'user', text: message }, { role: 'assistant', text: answer.text });
			}
		}
		catch (failure) {
			answer.fail('The request failed: ' + failure.message);
		}
	}

	chatForm.addEventListener('submit', async (event) => {
		event.preventDefault();
		const message = messageInput.value.trim();
		if (!message || sendButton.disabled) {
			return;
		}
		messageInput.value = '';
		sendButton.disabled = true;
		chatForm.classList.add('busy');
		try {
			await send(message);
		}
		finally {
			sendButton.disabled = false;
			chatForm.classList.remove('busy');
			messageInput.focus();
		}
	});

	messageInput.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.shiftKey) {
			event.preventDefault();
			chatForm.requestSubmit();
		}
	});

	extractForm.addEventListener('submit', async (event) => {
		event.preventDefault();
		extractResult.hidden = true;
		extractError.hidden = true;
		extractSubmit.disabled = true;
		try {
			const response = await fetch('api/extract', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ text: extractText.value }),
			});
			if (!response.ok) {
				throw new Error(await errorMessage(response));
			}
			const contact = await response.json();
			extractResult.textContent = '';
			extractResult.appendChild(element('div', 'record-type', 'Contact'));
			const fields = element('dl', 'record-fields');
			for (const [name, value] of Object.entries(contact)) {
				const row = element('div', 'record-field');
				row.dataset.field = name;
				row.append(element('dt', null, name), element('dd', null, (value === null) ? '—' : String(value)));
				fields.appendChild(row);
			}
			extractResult.appendChild(fields);
			extractResult.hidden = false;
		}
		catch (failure) {
			extractError.textContent = failure.message;
			extractError.hidden = false;
		}
		finally {
			extractSubmit.disabled = false;
		}
	});
}());
