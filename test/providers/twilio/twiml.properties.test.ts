/**
 * Properties of the TwiML builder: whatever an item holds comes back, unescaped, as exactly the
 * text of its verb (so no value can open or close an element or an attribute), and the limit is
 * always kept or refused with an InputError.
 */
import { buildTwiml, MAX_TWIML } from '../../../nodes/providers/twilio/twiml';
import { InputError } from '../../../nodes/core/validation';
import { fc } from '../../support/properties';

const unescape = (xml: string) =>
	xml.replace(
		/&(lt|gt|quot|apos|amp);/g,
		(_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] as string,
	);

/** Text XML can carry (any code point but the controls and non-characters it forbids). */
const xmlText = fc
	.string({ unit: 'binary', maxLength: 300 })
	.map((text) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
const anyText = fc.oneof(xmlText, fc.string({ unit: 'binary', maxLength: 50 }));

describe('buildTwiml properties', () => {
	it('writes any text as the exact content of one Say: no markup, and it unescapes to the text', () => {
		fc.assert(
			fc.property(xmlText, (text) => {
				const twiml = buildTwiml([{ say: text, field: 'text' }]);
				const match = /^<Response><Say>([^<>"']*)<\/Say><\/Response>$/.exec(twiml);
				expect(match).not.toBeNull();
				// Every & starts one of the five entities, so nothing else can be spelled.
				expect(match![1].replace(/&(lt|gt|quot|apos|amp);/g, '')).not.toContain('&');
				expect(unescape(match![1])).toBe(text);
			}),
		);
	});

	it('keeps any audio URL inside its Play element', () => {
		fc.assert(
			fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
				const twiml = buildTwiml([{ play: url, field: 'audioUrl' }]);
				const match = /^<Response><Play>([^<>"']*)<\/Play><\/Response>$/.exec(twiml);
				expect(match).not.toBeNull();
				expect(unescape(match![1])).toBe(url);
			}),
		);
	});

	it('either builds TwiML within 4,000 characters or throws an InputError naming a field', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({ say: fc.oneof(anyText, fc.string({ minLength: 1000, maxLength: 2500 })) }),
					{
						minLength: 1,
						maxLength: 4,
					},
				),
				(verbs) => {
					try {
						expect(
							buildTwiml(verbs.map((verb, i) => ({ ...verb, field: `text${i}` }))).length,
						).toBeLessThanOrEqual(MAX_TWIML);
					} catch (error) {
						expect(error).toBeInstanceOf(InputError);
						expect((error as InputError).field).toMatch(/^text\d$/);
					}
				},
			),
		);
	});
});
