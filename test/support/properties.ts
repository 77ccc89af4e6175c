/**
 * Property-based tests (fast-check): the settings every property runs with, and the generators of
 * untrusted values the package must survive.
 *
 * Each property runs RUNS generated inputs from a fixed SEED, so `npm test` (and CI) checks the same
 * inputs every time. `PROPERTY_SEED=<n>` explores other inputs; `PROPERTY_RUNS=<n>` more of them.
 * A failure prints the seed and the shrunk counterexample to reproduce it.
 */
import fc from 'fast-check';

export const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);
export const SEED = Number(process.env.PROPERTY_SEED ?? 20261129);

fc.configureGlobal({ numRuns: RUNS, seed: SEED });

export { fc };

/** Keys that reach an object's prototype when a table or record is read by them. */
export const PROTOTYPE_WORDS = [
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'isPrototypeOf',
	'toISO',
	'then',
] as const;

const prototypeWord = fc.constantFrom(...PROTOTYPE_WORDS);

/** Object keys: any text, the prototype's words, and the names this package reads. */
const key = (names: readonly string[] = []) =>
	fc.oneof(
		{ weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
		{ weight: 2, arbitrary: prototypeWord },
		...(names.length ? [{ weight: 3, arbitrary: fc.constantFrom(...names) }] : []),
	);

/**
 * Any value an item field or a receipt may hold, and then some: JSON of any shape, objects without
 * a prototype, objects whose `toString` is not a function, boxed values, dates, big integers,
 * sparse arrays. `names` adds keys the code under test looks for.
 */
export const untrusted = (names: readonly string[] = []): fc.Arbitrary<unknown> =>
	fc.oneof(
		{
			weight: 1,
			arbitrary: fc.constantFrom<unknown>(
				{ toString: 1 },
				Object.create(null),
				[[]],
				{ valueOf: 'x', toString: null },
				new Date(Number.NaN),
				'',
				' ',
				null,
				undefined,
			),
		},
		{
			weight: 4,
			arbitrary: fc.anything({
				key: key(names),
				maxDepth: 3,
				maxKeys: 6,
				withNullPrototype: true,
				withBoxedValues: true,
				withObjectString: true,
				withBigInt: true,
				withDate: true,
				withSparseArray: true,
				withMap: true,
				withSet: true,
			}),
		},
	);

/** JSON as providers and webhooks send it, with the prototype's words among its keys and texts. */
export const untrustedJson = (names: readonly string[] = []): fc.Arbitrary<unknown> =>
	fc.letrec<{ value: unknown }>((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			fc.constant(null),
			fc.boolean(),
			fc.double(),
			fc.integer(),
			fc.string({ maxLength: 20 }),
			prototypeWord,
			fc.array(tie('value'), { maxLength: 4 }),
			fc.dictionary(key(names), tie('value'), { maxKeys: 6 }),
		),
	})).value;

/** Words no status table knows: the prototype's, and letters no provider word is made of. */
export const unknownWord = fc.oneof(
	prototypeWord,
	fc.stringMatching(/^[xqzXQZ]{1,5}[_ -]?[xqzXQZ]{0,5}$/),
);

/** ISO 8601 in UTC as this package writes it. */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether a value is a valid ISO 8601 UTC time stamp of this package's form (and means what it says). */
export const isIsoUtc = (value: unknown): boolean =>
	typeof value === 'string' &&
	ISO_UTC.test(value) &&
	!Number.isNaN(Date.parse(value)) &&
	new Date(value).toISOString() === value;

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/**
 * Time stamps as providers write them, often impossible (30 February, 10:60, year 0000, an offset
 * of 25 hours): zone-less and zoned ISO 8601, `yyyyMMddHHmmss`, UNIX time stamps, and noise.
 */
export const stampText: fc.Arbitrary<string> = fc.oneof(
	fc
		.record({
			year: fc.oneof(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
			month: fc.integer({ min: 0, max: 19 }),
			day: fc.integer({ min: 0, max: 39 }),
			hour: fc.integer({ min: 0, max: 29 }),
			minute: fc.integer({ min: 0, max: 69 }),
			second: fc.integer({ min: 0, max: 69 }),
			form: fc.integer({ min: 0, max: 4 }),
			offset: fc.integer({ min: -26 * 60, max: 26 * 60 }),
		})
		.map(({ year, month, day, hour, minute, second, form, offset }) => {
			const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
			const time = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
			const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
			return [
				`${date}T${time}`,
				`${date} ${time}`,
				`${date}${time}`.replace(/[-:]/g, ''),
				`${date}T${time}Z`,
				`${date}T${time}.123${zone}`,
			][form];
		}),
	fc.integer({ min: 0, max: 99_999_999_999_999 }).map(String),
	fc.string({ maxLength: 24 }),
);
