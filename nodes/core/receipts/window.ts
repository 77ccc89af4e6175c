/**
 * `DigestWindow`: a set of 96-bit digests in the order they were added, each with the time it was
 * added, kept in typed arrays. It is the storage of the duplicate memory: about 28 bytes per digest
 * (three 32-bit words and a time in a ring, and a slot of an open-addressing index twice the ring's
 * size), so 100,000 receipts take 2.5 to 4 MB whatever the rate, and no object per entry for the
 * garbage collector to walk.
 *
 * Digests are the package's receipt digests (`eventId`): 12 bytes of SHA-256, uniformly random, so
 * the first word is the index hash as it is. Written as text they are 16 base64url characters.
 */

const EMPTY = 0;
const INITIAL_CAPACITY = 64;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** The 24 bits of four base64url characters at `at`, or -1. */
function quad(text: string, at: number): number {
	let bits = 0;
	for (let i = at; i < at + 4; i++) {
		const code = text.charCodeAt(i);
		const value = code < 128 ? VALUE[code] : -1;
		if (value < 0) return -1;
		bits = (bits << 6) | value;
	}
	return bits;
}

/**
 * A digest as three 32-bit words (its 12 bytes, little-endian in each word); `undefined` when
 * `text` is not 16 base64url characters. Decoded by hand: this runs for every receipt and every
 * stored entry, and a Buffer per call costs more than the rest of the lookup.
 */
export function digestWords(text: string): [number, number, number] | undefined {
	if (text.length !== 16) return undefined;
	const q0 = quad(text, 0);
	const q1 = quad(text, 4);
	const q2 = quad(text, 8);
	const q3 = quad(text, 12);
	if ((q0 | q1 | q2 | q3) < 0) return undefined;
	// Bytes b0..b11: q0 = b0 b1 b2, q1 = b3 b4 b5, q2 = b6 b7 b8, q3 = b9 b10 b11.
	const w0 = (q0 >>> 16) | (((q0 >>> 8) & 0xff) << 8) | ((q0 & 0xff) << 16) | ((q1 >>> 16) << 24);
	const w1 =
		((q1 >>> 8) & 0xff) | ((q1 & 0xff) << 8) | ((q2 >>> 16) << 16) | (((q2 >>> 8) & 0xff) << 24);
	const w2 = (q2 & 0xff) | ((q3 >>> 16) << 8) | (((q3 >>> 8) & 0xff) << 16) | ((q3 & 0xff) << 24);
	return [w0, w1, w2];
}

const encodeQuad = (bits: number) =>
	ALPHABET[(bits >>> 18) & 63] +
	ALPHABET[(bits >>> 12) & 63] +
	ALPHABET[(bits >>> 6) & 63] +
	ALPHABET[bits & 63];

/** The text form (16 base64url characters) of three words. */
export function digestText(w0: number, w1: number, w2: number): string {
	const byte = (word: number, index: number) => (word >>> (index * 8)) & 0xff;
	const b = [
		byte(w0, 0),
		byte(w0, 1),
		byte(w0, 2),
		byte(w0, 3),
		byte(w1, 0),
		byte(w1, 1),
		byte(w1, 2),
		byte(w1, 3),
		byte(w2, 0),
		byte(w2, 1),
		byte(w2, 2),
		byte(w2, 3),
	];
	return (
		encodeQuad((b[0] << 16) | (b[1] << 8) | b[2]) +
		encodeQuad((b[3] << 16) | (b[4] << 8) | b[5]) +
		encodeQuad((b[6] << 16) | (b[7] << 8) | b[8]) +
		encodeQuad((b[9] << 16) | (b[10] << 8) | b[11])
	);
}

export class DigestWindow {
	/** The ring, indexed by sequence number & (capacity - 1); `at` is NaN for a removed entry. */
	private w0 = new Int32Array(INITIAL_CAPACITY);
	private w1 = new Int32Array(INITIAL_CAPACITY);
	private w2 = new Int32Array(INITIAL_CAPACITY);
	private at = new Float64Array(INITIAL_CAPACITY);
	/** Sequence numbers of the oldest entry (removed or not) and of the next one. */
	private head = 0;
	private tail = 0;
	private live = 0;
	/** Index: ring position + 1, or EMPTY; linear probing, twice the ring's size. */
	private slots = new Int32Array(INITIAL_CAPACITY * 2);

	get size(): number {
		return this.live;
	}

	/** Bytes held by the typed arrays: what the memory costs. */
	get bytes(): number {
		return this.w0.byteLength * 3 + this.at.byteLength + this.slots.byteLength;
	}

	/** Time of the oldest entry still held, or undefined. */
	oldest(): number | undefined {
		for (let seq = this.head; seq < this.tail; seq++) {
			const at = this.at[seq & (this.at.length - 1)];
			if (!Number.isNaN(at)) return at;
		}
		return undefined;
	}

	has(w0: number, w1: number, w2: number): boolean {
		return this.findSlot(w0, w1, w2) >= 0;
	}

	/** Adds a digest at `at`, newest; false (and nothing changes) when it is already held. */
	add(w0: number, w1: number, w2: number, at: number): boolean {
		if (this.findSlot(w0, w1, w2) >= 0) return false;
		if (this.tail - this.head === this.at.length)
			this.resize(this.live * 2 > this.at.length ? this.at.length * 2 : this.at.length);
		const pos = this.tail & (this.at.length - 1);
		this.w0[pos] = w0;
		this.w1[pos] = w1;
		this.w2[pos] = w2;
		this.at[pos] = at;
		this.tail++;
		this.live++;
		this.insertSlot(pos);
		return true;
	}

	/** Removes one digest wherever it is; false when it is not held. */
	remove(w0: number, w1: number, w2: number): boolean {
		const slot = this.findSlot(w0, w1, w2);
		if (slot < 0) return false;
		this.at[this.slots[slot] - 1] = Number.NaN;
		this.deleteSlot(slot);
		this.live--;
		this.dropRemovedHead();
		return true;
	}

	/**
	 * Removes the oldest entries while `expired(at)` says so, stopping at the first that is kept;
	 * then at most `keep` entries stay (the oldest go first). Returns how many were removed.
	 */
	dropOldest(expired: (at: number) => boolean, keep = Infinity): number {
		let removed = 0;
		while (this.live > 0) {
			const pos = this.head & (this.at.length - 1);
			const at = this.at[pos];
			if (!Number.isNaN(at)) {
				if (!expired(at) && this.live <= keep) break;
				this.deleteSlot(this.findSlot(this.w0[pos], this.w1[pos], this.w2[pos]));
				this.live--;
				removed++;
			}
			this.head++;
		}
		this.dropRemovedHead();
		// The memory follows the window: after a burst, give the space back.
		if (this.at.length > INITIAL_CAPACITY && this.live * 8 < this.at.length) {
			let capacity = INITIAL_CAPACITY;
			while (capacity < this.live * 2) capacity *= 2;
			this.resize(capacity);
		}
		return removed;
	}

	/** Entries oldest first, as [w0, w1, w2, at]. */
	*entries(): IterableIterator<[number, number, number, number]> {
		for (let seq = this.head; seq < this.tail; seq++) {
			const pos = seq & (this.at.length - 1);
			if (!Number.isNaN(this.at[pos]))
				yield [this.w0[pos], this.w1[pos], this.w2[pos], this.at[pos]];
		}
	}

	/** Removes everything. */
	clear(): void {
		this.head = this.tail = this.live = 0;
		this.slots.fill(EMPTY);
		if (this.at.length > INITIAL_CAPACITY) this.resize(INITIAL_CAPACITY);
	}

	private dropRemovedHead(): void {
		while (this.head < this.tail && Number.isNaN(this.at[this.head & (this.at.length - 1)]))
			this.head++;
		if (this.live === 0) this.head = this.tail = 0;
	}

	/** The slot holding this digest, or -1. Words are taken as 32-bit integers, as the arrays hold them. */
	private findSlot(w0: number, w1: number, w2: number): number {
		w0 |= 0;
		w1 |= 0;
		w2 |= 0;
		const mask = this.slots.length - 1;
		for (let slot = w0 & mask; ; slot = (slot + 1) & mask) {
			const entry = this.slots[slot];
			if (entry === EMPTY) return -1;
			const pos = entry - 1;
			if (this.w0[pos] === w0 && this.w1[pos] === w1 && this.w2[pos] === w2) return slot;
		}
	}

	private insertSlot(pos: number): void {
		const mask = this.slots.length - 1;
		let slot = this.w0[pos] & mask;
		while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
		this.slots[slot] = pos + 1;
	}

	/** Backward-shift deletion: the probe chains stay unbroken without tombstones. */
	private deleteSlot(slot: number): void {
		const mask = this.slots.length - 1;
		let hole = slot;
		this.slots[hole] = EMPTY;
		for (let next = (hole + 1) & mask; this.slots[next] !== EMPTY; next = (next + 1) & mask) {
			const home = this.w0[this.slots[next] - 1] & mask;
			// Move the entry into the hole unless its home lies cyclically in (hole, next].
			const between = hole <= next ? home > hole && home <= next : home > hole || home <= next;
			if (!between) {
				this.slots[hole] = this.slots[next];
				this.slots[next] = EMPTY;
				hole = next;
			}
		}
	}

	/** Copies the live entries, in order, into a ring of `capacity` (a power of two) and reindexes. */
	private resize(capacity: number): void {
		const size = Math.max(INITIAL_CAPACITY, capacity);
		const w0 = new Int32Array(size);
		const w1 = new Int32Array(size);
		const w2 = new Int32Array(size);
		const at = new Float64Array(size);
		let count = 0;
		for (const [a, b, c, t] of this.entries()) {
			w0[count] = a;
			w1[count] = b;
			w2[count] = c;
			at[count] = t;
			count++;
		}
		this.w0 = w0;
		this.w1 = w1;
		this.w2 = w2;
		this.at = at;
		this.head = 0;
		this.tail = this.live = count;
		this.slots = new Int32Array(size * 2);
		for (let pos = 0; pos < count; pos++) this.insertSlot(pos);
	}
}
