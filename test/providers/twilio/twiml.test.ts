import { buildTwiml, escapeXml, MAX_TWIML } from '../../../nodes/providers/twilio/twiml';
import { InputError } from '../../../nodes/core/validation';

/** The InputError a call throws (fails the test when none is thrown). */
function inputError(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('no InputError was thrown');
}

describe('buildTwiml', () => {
	it('writes Say with voice, language and loop, and Play, in order', () => {
		expect(
			buildTwiml([
				{ say: 'Hello Ada', voice: 'Polly.Joanna', language: 'en-US', loop: 2, field: 'text' },
				{ play: 'https://cdn.example.com/a.mp3?x=1&y=2', field: 'audioUrl' },
			]),
		).toBe(
			'<Response><Say voice="Polly.Joanna" language="en-US" loop="2">Hello Ada</Say>' +
				'<Play>https://cdn.example.com/a.mp3?x=1&amp;y=2</Play></Response>',
		);
	});

	it('escapes an item that tries to add a verb: it is spoken, never obeyed', () => {
		const attack = '</Say><Dial>+15550100</Dial><Say>';
		const twiml = buildTwiml([{ say: attack, field: 'text' }]);
		expect(twiml).toBe(
			'<Response><Say>&lt;/Say&gt;&lt;Dial&gt;+15550100&lt;/Dial&gt;&lt;Say&gt;</Say></Response>',
		);
		expect(twiml).not.toContain('<Dial>');
	});

	it.each([
		[
			'a voice that breaks out of its attribute',
			{ voice: 'alice" loop="0' },
			'voice',
			/not a Twilio voice/,
		],
		['a language that is no tag', { language: 'en US' }, 'language', /not a language tag/],
		['a negative loop', { loop: -1 }, 'text', /from 0 to 1,000/],
	])('refuses %s, naming the field', (_, extra, field, message) => {
		const error = inputError(() => buildTwiml([{ say: 'Hi', field: 'text', ...extra }]));
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});

	it.each(['ftp://x.test/a.mp3', 'not a url', 'javascript:alert(1)'])(
		'refuses the audio URL %s',
		(url) => {
			expect(inputError(() => buildTwiml([{ play: url, field: 'audioUrl' }])).field).toBe(
				'audioUrl',
			);
		},
	);

	it('refuses a character XML cannot carry, naming the field and where it is', () => {
		const error = inputError(() => buildTwiml([{ say: 'ab\u0007c', field: 'text' }]));
		expect(error.field).toBe('text');
		expect(error.message).toBe(
			'text has the character U+0007 at position 3, which TwiML (XML) cannot carry: remove it',
		);
		expect(() => escapeXml('lone \uD800 surrogate', 'text')).toThrow(/U\+D800/);
		expect(escapeXml('tab\tline\nemoji 😀', 'text')).toBe('tab\tline\nemoji 😀');
	});

	it('refuses nothing to say', () => {
		expect(inputError(() => buildTwiml([])).message).toMatch(/Nothing to say or play/);
	});

	describe('the 4,000-character limit, on the TwiML as sent', () => {
		const shell = '<Response><Say></Say></Response>'.length;

		it('takes TwiML of exactly 4,000 characters', () => {
			expect(buildTwiml([{ say: 'a'.repeat(MAX_TWIML - shell), field: 'text' }])).toHaveLength(
				MAX_TWIML,
			);
		});

		it('refuses 4,001, naming the field, its length and the limit', () => {
			const error = inputError(() =>
				buildTwiml([{ say: 'a'.repeat(MAX_TWIML - shell + 1), field: 'text' }]),
			);
			expect(error.field).toBe('text');
			expect(error.message).toBe(
				'text has 3,969 characters; the TwiML sent to Twilio would have 4,001 characters, and Twilio takes at most 4,000: shorten it by 1',
			);
		});

		it('counts the escaped text: 1,000 ampersands are 5,000 characters once escaped', () => {
			const error = inputError(() => buildTwiml([{ say: '&'.repeat(1000), field: 'message' }]));
			expect(error.field).toBe('message');
			expect(error.message).toMatch(
				/^message has 1,000 characters \(5,000 once XML-escaped\); the TwiML sent to Twilio would have 5,032 characters/,
			);
		});

		it('names the longest of several values', () => {
			const error = inputError(() =>
				buildTwiml([
					{ say: 'a'.repeat(100), field: 'greeting' },
					{ say: 'b'.repeat(3950), field: 'text' },
				]),
			);
			expect(error.field).toBe('text');
		});
	});
});
