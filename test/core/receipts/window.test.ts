import { DigestWindow, digestText, digestWords } from '../../../nodes/core/receipts/window';
import { receiptDigest } from '../../../nodes/core/receipts/memory';

/** A small deterministic pseudo-random sequence. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

describe('digest text and words', () => {
	it("round-trips the package's digests and refuses anything else", () => {
		for (const key of ['a', 'webexConnect|m-1|+447700900001', '']) {
			const digest = receiptDigest(key);
			const words = digestWords(digest)!;
			expect(words).toHaveLength(3);
			expect(digestText(...words)).toBe(digest);
		}
		for (const foreign of [
			'',
			'a',
			'x'.repeat(15),
			'x'.repeat(17),
			'abc,def:ghijklmn',
			'++++++++++++++++',
		]) {
			expect(digestWords(foreign)).toBeUndefined();
		}
	});
});

describe('DigestWindow', () => {
	/** Keys that share their first word (the index hash) as often as the index allows: long probe chains. */
	const key = (n: number, collide: boolean): [number, number, number] => [
		collide ? (n % 7) * 1024 : Math.imul(n, 0x9e3779b1),
		n,
		~n,
	];

	// 80,000 steps: each compared in plain code, the first disagreement reported (an expect per step
	// costs more than the window itself).
	it('behaves as an insertion-ordered map of digest → time under random adds, removals and expiry', () => {
		for (const [seed, collide] of [
			[1, false],
			[2, true],
			[3, false],
			[4, true],
		] as const) {
			const next = random(seed);
			const window = new DigestWindow();
			const model = new Map<string, number>();
			let now = 0;
			let steps = 0;
			let disagreement: unknown[] | undefined;
			const check = (what: string, actual: unknown, expected: unknown) => {
				if (disagreement === undefined && actual !== expected)
					disagreement = [seed, steps, what, actual, expected];
			};
			for (; steps < 20_000 && disagreement === undefined; steps++) {
				const n = Math.floor(next() * 3000);
				const words = key(n, collide);
				const name = words.join('/');
				const roll = next();
				if (roll < 0.6) {
					now += Math.floor(next() * 3);
					check('add', window.add(...words, now), !model.has(name));
					if (!model.has(name)) model.set(name, now);
				} else if (roll < 0.75) {
					check('remove', window.remove(...words), model.delete(name));
				} else if (roll < 0.78) {
					const before = now - Math.floor(next() * 400);
					const keep = next() < 0.5 ? Infinity : Math.floor(next() * 2000);
					let removed = 0;
					for (const [entry, at] of model) {
						if (at >= before && model.size <= keep) break;
						model.delete(entry);
						removed++;
					}
					check(
						'dropOldest',
						window.dropOldest((at) => at < before, keep),
						removed,
					);
				} else {
					check('has', window.has(...words), model.has(name));
				}
				check('size', window.size, model.size);
			}
			expect(disagreement).toBeUndefined();
			expect(steps).toBe(20_000);
			expect([...window.entries()].map(([a, b, c, at]) => [[a, b, c].join('/'), at])).toEqual([
				...model.entries(),
			]);
			expect(window.oldest()).toBe(model.size > 0 ? [...model.values()][0] : undefined);
		}
	});

	it('holds 100,000 digests in a few megabytes and gives the space back once they expire', () => {
		const window = new DigestWindow();
		for (let i = 0; i < 100_000; i++) {
			const words = digestWords(receiptDigest(`receipt-${i}`))!;
			window.add(...words, i);
		}
		expect(window.size).toBe(100_000);
		expect(window.bytes).toBeLessThan(4 * 1024 * 1024);
		expect(window.has(...digestWords(receiptDigest('receipt-99999'))!)).toBe(true);
		expect(window.has(...digestWords(receiptDigest('receipt-100000'))!)).toBe(false);
		expect(window.dropOldest((at) => at < 99_990)).toBe(99_990);
		expect(window.size).toBe(10);
		expect(window.bytes).toBeLessThan(64 * 1024);
		window.clear();
		expect([window.size, window.oldest(), [...window.entries()]]).toEqual([0, undefined, []]);
	});
});

describe('the digest codec', () => {
	it('reads digests as Node reads base64url, byte for byte, for any 12 bytes', () => {
		const next = random(7);
		for (let i = 0; i < 2000; i++) {
			const bytes = Buffer.from(Array.from({ length: 12 }, () => Math.floor(next() * 256)));
			const text = bytes.toString('base64url');
			expect(digestWords(text)).toEqual([
				bytes.readInt32LE(0),
				bytes.readInt32LE(4),
				bytes.readInt32LE(8),
			]);
			expect(digestText(bytes.readInt32LE(0), bytes.readInt32LE(4), bytes.readInt32LE(8))).toBe(
				text,
			);
		}
		for (const foreign of ['é'.repeat(16), 'AAAAAAAAAAAAAAA=', 'AAAA AAAAAAAAAAA'])
			expect(digestWords(foreign)).toBeUndefined();
	});
});
