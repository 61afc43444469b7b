// ../plugin-kit/src/descriptor.ts
var THUMBNAIL_FILE = "thumbnail.svg";
function defineDescriptor(fields) {
	if (!/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/.test(fields.identifier)) throw new Error(`Plugin identifier "${fields.identifier}" must be reverse-DNS, e.g. audio.lathe.meter`);
	return {
		vendor: "Lathe",
		apiVersion: "2.0.0",
		thumbnail: THUMBNAIL_FILE,
		isInstrument: false,
		website: "https://github.com/lathe-audio/lathe",
		hasAudioInput: true,
		hasAudioOutput: true,
		hasAutomationInput: true,
		hasAutomationOutput: false,
		hasMidiInput: false,
		hasMidiOutput: false,
		hasMpeInput: false,
		hasMpeOutput: false,
		hasOscInput: false,
		hasOscOutput: false,
		hasSysexInput: false,
		hasSysexOutput: false,
		...fields
	};
}
// src/descriptor.ts
var descriptor = defineDescriptor({
	identifier: "audio.lathe.meter",
	name: "Lathe Loudness",
	version: {
		name: "@lathe/plugin-meter",
		version: "0.1.0",
		"private": true,
		description: "Lathe Loudness: an EBU R128 / ITU-R BS.1770 loudness meter as a WAM 2.0 plugin, and measureLoudness() for Node and browsers.",
		type: "module",
		sideEffects: false,
		exports: {
			".": {
				"types": "./src/index.ts",
				"lathe-source": "./src/index.ts",
				"default": "./lib/index.js"
			},
			"./wam": "./dist/index.js"
		},
		files: [
			"dist",
			"lib",
			"src",
			"!src/**/*.test.ts"
		],
		scripts: {
			"build": "lathe-plugin-build",
			"test": "vitest run",
			"typecheck": "tsc --noEmit -p ."
		},
		dependencies: {
			"@lathe/dsp": "workspace:*",
			"@lathe/plugin-kit": "workspace:*",
			"react": "^19.3.1",
			"react-dom": "^19.3.1"
		},
		devDependencies: {
			"@types/node": "^20.19.43",
			"@types/react": "^19.3.0",
			"@types/react-dom": "^19.3.0",
			"typescript": "~5.9.3",
			"vitest": "4.1.12"
		}
	}.version,
	description: "EBU R128 / ITU-R BS.1770 loudness meter: momentary, short-term, integrated, LRA, true peak, PLR, correlation, with delivery-target verdicts.",
	keywords: [
		"meter",
		"loudness",
		"lufs",
		"ebu r128",
		"true peak",
		"mastering"
	]
});
// ../dsp/src/decibels.ts
/** BS.1770 loudness (LUFS) of a channel-weighted, K-weighted mean square; 0 gives −Infinity. */
function powerToLufs(meanSquare) {
	return -.691 + 10 * Math.log10(meanSquare);
}
/** Inverse of powerToLufs: the K-weighted mean square that reads `lufs`. */
function lufsToPower(lufs) {
	return 10 ** ((lufs + .691) / 10);
}
// ../dsp/src/k-weighting.ts
var SHELF_F0 = 1681.974450955533;
var SHELF_GAIN_DB = 3.999843853973347;
var SHELF_Q = .7071752369554196;
var SHELF_VB_EXPONENT = .4996667741545416;
var HIGHPASS_F0 = 38.13547087602444;
var HIGHPASS_Q = .5003270373238773;
/** The two K-weighting stages (high shelf, then RLB high-pass) for `sampleRate`. */
function kWeightingCoefficients(sampleRate) {
	if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new RangeError(`kWeightingCoefficients: sample rate must be a positive number, got ${sampleRate}`);
	let k = Math.tan(Math.PI * SHELF_F0 / sampleRate);
	const vh = 10 ** (SHELF_GAIN_DB / 20);
	const vb = vh ** SHELF_VB_EXPONENT;
	const a0 = 1 + k / SHELF_Q + k * k;
	const shelf = {
		b0: (vh + vb * k / SHELF_Q + k * k) / a0,
		b1: 2 * (k * k - vh) / a0,
		b2: (vh - vb * k / SHELF_Q + k * k) / a0,
		a1: 2 * (k * k - 1) / a0,
		a2: (1 - k / SHELF_Q + k * k) / a0
	};
	k = Math.tan(Math.PI * HIGHPASS_F0 / sampleRate);
	const d = 1 + k / HIGHPASS_Q + k * k;
	return [shelf, {
		b0: 1,
		b1: -2,
		b2: 1,
		a1: 2 * (k * k - 1) / d,
		a2: (1 - k / HIGHPASS_Q + k * k) / d
	}];
}
// ../dsp/src/true-peak.ts
var HISTORY = 11;
function sinc(x) {
	return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}
/**
* BS.1770 Annex 2 true-peak detector: oversamples by `factor` with a Hann-windowed sinc of 12·factor + 1
* taps, c[j] = sinc((j − 6F)/F)·0.5(1 − cos(2πj/(12F))), run polyphase, and returns max |x| of the
* oversampled signal. Phase 0 of that filter is the input delayed by 6 samples, so the reading lags the
* input by 6 samples; history persists per channel, so any block split gives identical results.
*
* The taps are symmetric, so phase F − p is phase p reversed. Folding x[n−k] with x[n−11+k] halves the
* multiplies, and for F = 4 phases 1 and 3 come out of one sum and one difference:
* y1 = (A + B)/2, y3 = (A − B)/2, hence max(|y1|, |y3|) = (|A| + |B|)/2.
*/
var TruePeakDetector = class {
	/** Oversampling factor: 4 below 96 kHz, 2 from 96 kHz. */
	factor;
	/** Taps: [0..5] sum (phases 1 ± 3 at F = 4, phase 1 at F = 2), [6..11] difference, [12..17] phase 2. */
	folded = /* @__PURE__ */ new Float64Array(18);
	/** Per channel the last 11 inputs, newest first: history[ch·11 + k − 1] = x[n − k]. */
	history;
	maxChannels;
	/** Kernels leave their peak here: V8 boxes (allocates) a double returned by a call it does not inline. */
	result = /* @__PURE__ */ new Float64Array(1);
	constructor(sampleRate, maxChannels) {
		if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new RangeError(`TruePeakDetector: sample rate must be a positive number, got ${sampleRate}`);
		if (!Number.isInteger(maxChannels) || maxChannels < 1) throw new RangeError(`TruePeakDetector: maxChannels must be a positive integer, got ${maxChannels}`);
		const f = sampleRate < 96e3 ? 4 : 2;
		this.factor = f;
		this.maxChannels = maxChannels;
		this.history = new Float64Array(maxChannels * HISTORY);
		const taps = 12 * f;
		const c = (j) => sinc((j - 6 * f) / f) * .5 * (1 - Math.cos(2 * Math.PI * j / taps));
		for (let k = 0; k < 6; k++) if (f === 4) {
			this.folded[k] = c(4 * k + 1) + c(4 * (11 - k) + 1);
			this.folded[6 + k] = c(4 * k + 1) - c(4 * (11 - k) + 1);
			this.folded[12 + k] = c(4 * k + 2);
		} else this.folded[k] = c(2 * k + 1);
	}
	/** Max |x| (linear) of the oversampled signal produced while consuming input[from, to) of `channel`. */
	process(channel, input, from, to) {
		if (!(channel >= 0 && channel < this.maxChannels)) throw new RangeError(`TruePeakDetector: channel ${channel} is outside 0…${this.maxChannels - 1}`);
		if (this.factor === 4) this.process4(channel, input, from, to);
		else this.process2(channel, input, from, to);
		return this.result[0];
	}
	/** Forgets all history (as just constructed). */
	reset() {
		this.history.fill(0);
	}
	process4(channel, input, from, to) {
		const f = this.folded;
		const a0 = f[0], a1 = f[1], a2 = f[2], a3 = f[3], a4 = f[4], a5 = f[5];
		const b0 = f[6], b1 = f[7], b2 = f[8], b3 = f[9], b4 = f[10], b5 = f[11];
		const c0 = f[12], c1 = f[13], c2 = f[14], c3 = f[15], c4 = f[16], c5 = f[17];
		const h = this.history;
		const o = channel * HISTORY;
		let x1 = h[o], x2 = h[o + 1], x3 = h[o + 2], x4 = h[o + 3], x5 = h[o + 4], x6 = h[o + 5];
		let x7 = h[o + 6], x8 = h[o + 7], x9 = h[o + 8], x10 = h[o + 9], x11 = h[o + 10];
		let peak = 0;
		let i = from;
		for (const end = to - 1; i < end; i += 2) {
			let x0 = input[i];
			if (x0 - x0 !== 0) x0 = 0;
			let y0 = input[i + 1];
			if (y0 - y0 !== 0) y0 = 0;
			let s0 = x0 + x11, s1 = x1 + x10, s2 = x2 + x9, s3 = x3 + x8, s4 = x4 + x7, s5 = x5 + x6;
			let sum = a0 * s0 + a1 * s1 + a2 * s2 + a3 * s3 + a4 * s4 + a5 * s5;
			let diff = b0 * (x0 - x11) + b1 * (x1 - x10) + b2 * (x2 - x9) + b3 * (x3 - x8) + b4 * (x4 - x7) + b5 * (x5 - x6);
			let mid = c0 * s0 + c1 * s1 + c2 * s2 + c3 * s3 + c4 * s4 + c5 * s5;
			let m = Math.max(.5 * (Math.abs(sum) + Math.abs(diff)), Math.abs(mid), Math.abs(x6));
			if (m > peak) peak = m;
			s0 = y0 + x10;
			s1 = x0 + x9;
			s2 = x1 + x8;
			s3 = x2 + x7;
			s4 = x3 + x6;
			s5 = x4 + x5;
			sum = a0 * s0 + a1 * s1 + a2 * s2 + a3 * s3 + a4 * s4 + a5 * s5;
			diff = b0 * (y0 - x10) + b1 * (x0 - x9) + b2 * (x1 - x8) + b3 * (x2 - x7) + b4 * (x3 - x6) + b5 * (x4 - x5);
			mid = c0 * s0 + c1 * s1 + c2 * s2 + c3 * s3 + c4 * s4 + c5 * s5;
			m = Math.max(.5 * (Math.abs(sum) + Math.abs(diff)), Math.abs(mid), Math.abs(x5));
			if (m > peak) peak = m;
			x11 = x9;
			x10 = x8;
			x9 = x7;
			x8 = x6;
			x7 = x5;
			x6 = x4;
			x5 = x3;
			x4 = x2;
			x3 = x1;
			x2 = x0;
			x1 = y0;
		}
		if (i < to) {
			let x0 = input[i];
			if (x0 - x0 !== 0) x0 = 0;
			const s0 = x0 + x11, s1 = x1 + x10, s2 = x2 + x9, s3 = x3 + x8, s4 = x4 + x7, s5 = x5 + x6;
			const sum = a0 * s0 + a1 * s1 + a2 * s2 + a3 * s3 + a4 * s4 + a5 * s5;
			const diff = b0 * (x0 - x11) + b1 * (x1 - x10) + b2 * (x2 - x9) + b3 * (x3 - x8) + b4 * (x4 - x7) + b5 * (x5 - x6);
			const mid = c0 * s0 + c1 * s1 + c2 * s2 + c3 * s3 + c4 * s4 + c5 * s5;
			const m = Math.max(.5 * (Math.abs(sum) + Math.abs(diff)), Math.abs(mid), Math.abs(x6));
			if (m > peak) peak = m;
			x11 = x10;
			x10 = x9;
			x9 = x8;
			x8 = x7;
			x7 = x6;
			x6 = x5;
			x5 = x4;
			x4 = x3;
			x3 = x2;
			x2 = x1;
			x1 = x0;
		}
		h[o] = x1;
		h[o + 1] = x2;
		h[o + 2] = x3;
		h[o + 3] = x4;
		h[o + 4] = x5;
		h[o + 5] = x6;
		h[o + 6] = x7;
		h[o + 7] = x8;
		h[o + 8] = x9;
		h[o + 9] = x10;
		h[o + 10] = x11;
		this.result[0] = peak;
	}
	process2(channel, input, from, to) {
		const f = this.folded;
		const a0 = f[0], a1 = f[1], a2 = f[2], a3 = f[3], a4 = f[4], a5 = f[5];
		const h = this.history;
		const o = channel * HISTORY;
		let x1 = h[o], x2 = h[o + 1], x3 = h[o + 2], x4 = h[o + 3], x5 = h[o + 4], x6 = h[o + 5];
		let x7 = h[o + 6], x8 = h[o + 7], x9 = h[o + 8], x10 = h[o + 9], x11 = h[o + 10];
		let peak = 0;
		let i = from;
		for (const end = to - 1; i < end; i += 2) {
			let x0 = input[i];
			if (x0 - x0 !== 0) x0 = 0;
			let y0 = input[i + 1];
			if (y0 - y0 !== 0) y0 = 0;
			let mid = a0 * (x0 + x11) + a1 * (x1 + x10) + a2 * (x2 + x9) + a3 * (x3 + x8) + a4 * (x4 + x7) + a5 * (x5 + x6);
			let m = Math.max(Math.abs(mid), Math.abs(x6));
			if (m > peak) peak = m;
			mid = a0 * (y0 + x10) + a1 * (x0 + x9) + a2 * (x1 + x8) + a3 * (x2 + x7) + a4 * (x3 + x6) + a5 * (x4 + x5);
			m = Math.max(Math.abs(mid), Math.abs(x5));
			if (m > peak) peak = m;
			x11 = x9;
			x10 = x8;
			x9 = x7;
			x8 = x6;
			x7 = x5;
			x6 = x4;
			x5 = x3;
			x4 = x2;
			x3 = x1;
			x2 = x0;
			x1 = y0;
		}
		if (i < to) {
			let x0 = input[i];
			if (x0 - x0 !== 0) x0 = 0;
			const mid = a0 * (x0 + x11) + a1 * (x1 + x10) + a2 * (x2 + x9) + a3 * (x3 + x8) + a4 * (x4 + x7) + a5 * (x5 + x6);
			const m = Math.max(Math.abs(mid), Math.abs(x6));
			if (m > peak) peak = m;
			x11 = x10;
			x10 = x9;
			x9 = x8;
			x8 = x7;
			x7 = x6;
			x6 = x5;
			x5 = x4;
			x4 = x3;
			x3 = x2;
			x2 = x1;
			x1 = x0;
		}
		h[o] = x1;
		h[o + 1] = x2;
		h[o + 2] = x3;
		h[o + 3] = x4;
		h[o + 4] = x5;
		h[o + 5] = x6;
		h[o + 6] = x7;
		h[o + 7] = x8;
		h[o + 8] = x9;
		h[o + 9] = x10;
		h[o + 10] = x11;
		this.result[0] = peak;
	}
};
// ../plugin-kit/src/params.ts
/** Identity with a precise inferred type: `defineParams({ gain: { type: 'float', … } })`. */
function defineParams(table) {
	for (const [id, spec] of Object.entries(table)) assertSpec(id, spec);
	return table;
}
function assertSpec(id, spec) {
	if (!/^[a-z][A-Za-z0-9]*$/.test(id)) throw new Error(`Parameter id "${id}" must be lowerCamelCase`);
	if (spec.type === "float" || spec.type === "int") {
		if (!(spec.min < spec.max)) throw new Error(`Parameter "${id}": min must be below max`);
		if (spec.default < spec.min || spec.default > spec.max) throw new Error(`Parameter "${id}": default ${spec.default} outside ${spec.min}…${spec.max}`);
		if (spec.type === "float" && spec.scale === "log" && spec.min <= 0) throw new Error(`Parameter "${id}": a log scale needs a positive minimum`);
	}
	if (spec.type === "choice" && !spec.choices.includes(spec.default)) throw new Error(`Parameter "${id}": default "${spec.default}" is not one of its choices`);
}
// ../plugin-kit/src/telemetry.ts
function defineTelemetry(names) {
	const index = {};
	names.forEach((name, i) => {
		index[name] = i;
	});
	return {
		names,
		size: names.length,
		index
	};
}
// src/loudness/engine.ts
/** The readings as a flat frame: the meter's telemetry layout, written by LoudnessEngine.readInto(). */
var LOUDNESS_READINGS = defineTelemetry([
	"momentary",
	"shortTerm",
	"integrated",
	"momentaryMax",
	"shortTermMax",
	"loudnessRange",
	"truePeak",
	"samplePeak",
	"plr",
	"rms",
	"noiseFloor",
	"correlation",
	"programmeCorrelation",
	"duration"
]);
/** Readings of a meter that has measured nothing yet. */
function createLoudnessReadings() {
	const none = Number.NEGATIVE_INFINITY;
	return {
		momentary: none,
		shortTerm: none,
		integrated: none,
		momentaryMax: none,
		shortTermMax: none,
		loudnessRange: 0,
		truePeak: none,
		samplePeak: none,
		plr: none,
		rms: none,
		noiseFloor: none,
		correlation: 0,
		programmeCorrelation: 0,
		duration: 0
	};
}
var SUB_BLOCKS_PER_SECOND = 100;
var MOMENTARY = 40;
var SHORT_TERM = 300;
var NOISE_FLOOR = 50;
var CORRELATION = 40;
/** Gating blocks and LRA short-term values are taken every 100 ms. */
var HOP = 10;
var RING = SHORT_TERM;
var HISTOGRAM_FLOOR = -70;
var BINS_PER_LU = 100;
var BINS = 1e4;
var ABSOLUTE_GATE = lufsToPower(-70);
/** Relative gates as power ratios: −10 LU (integrated), −20 LU (loudness range). */
var INTEGRATED_GATE = .1;
var RANGE_GATE = .01;
var SURROUND = 1.41;
/**
* Real-time EBU R128 / BS.1770 meter core (AudioWorklet and offline). All memory is allocated in the
* constructor; once V8 has optimised them, process() and read() allocate nothing (checked with the
* V8 sampling heap profiler). Any split of the input into blocks gives bit-identical readings.
* Non-finite input samples are measured as silence.
*/
var LoudnessEngine = class {
	/** Mono input counts twice (+3 dB), as for a mono signal meant for both loudspeakers. */
	dualMono = false;
	sampleRate;
	maxChannels;
	truePeakDetector;
	sb0;
	sb1;
	sb2;
	sa1;
	sa2;
	hb0;
	hb1;
	hb2;
	ha1;
	ha2;
	filterState;
	weights;
	layoutChannels = -1;
	layoutDualMono = false;
	/** Channels counted by RMS and noise floor (all but LFE). */
	rawChannels = 0;
	weightedSum;
	rawSum;
	crossSum = 0;
	totalSamples = 0;
	subBlocks = 0;
	subBlockStart = 0;
	nextBoundary;
	ringPower = new Float64Array(RING);
	ringLength = new Float64Array(RING);
	ringRaw = new Float64Array(RING);
	ringRawCount = new Float64Array(RING);
	ringCross = new Float64Array(RING);
	ringLeft = new Float64Array(RING);
	ringRight = new Float64Array(RING);
	momentaryPower = 0;
	shortTermPower = 0;
	momentaryMaxPower = 0;
	shortTermMaxPower = 0;
	noiseFloorPower = Number.POSITIVE_INFINITY;
	samplePeak = 0;
	truePeak = 0;
	rawTotal = 0;
	rawTotalCount = 0;
	crossTotal = 0;
	leftTotal = 0;
	rightTotal = 0;
	gateCount = new Float64Array(BINS);
	gatePower = new Float64Array(BINS);
	rangeCount = new Float64Array(BINS);
	rangePower = new Float64Array(BINS);
	rangeLoudness = new Float64Array(BINS);
	scratch = new Float64Array(LOUDNESS_READINGS.size);
	constructor(sampleRate, maxChannels) {
		if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new RangeError(`LoudnessEngine: sample rate must be a positive number, got ${sampleRate}`);
		if (!Number.isInteger(maxChannels) || maxChannels < 1) throw new RangeError(`LoudnessEngine: maxChannels must be a positive integer, got ${maxChannels}`);
		this.sampleRate = sampleRate;
		this.maxChannels = maxChannels;
		this.truePeakDetector = new TruePeakDetector(sampleRate, maxChannels);
		const [shelf, highPass] = kWeightingCoefficients(sampleRate);
		this.sb0 = shelf.b0;
		this.sb1 = shelf.b1;
		this.sb2 = shelf.b2;
		this.sa1 = shelf.a1;
		this.sa2 = shelf.a2;
		this.hb0 = highPass.b0;
		this.hb1 = highPass.b1;
		this.hb2 = highPass.b2;
		this.ha1 = highPass.a1;
		this.ha2 = highPass.a2;
		this.filterState = new Float64Array(maxChannels * 4);
		this.weights = new Float64Array(maxChannels);
		this.weightedSum = new Float64Array(maxChannels);
		this.rawSum = new Float64Array(maxChannels);
		this.nextBoundary = this.boundary(1);
	}
	/**
	* Measures channels[c][from, to) (the input is only read). The channel count sets the layout:
	* 1 mono (dual mono if set), 2 L R, 4 L R Ls Rs, 6 L R C LFE Ls Rs (Web Audio order), other counts
	* weight 1 each. No channels measures silence.
	*/
	process(channels, from, to) {
		const n = channels.length;
		if (n > this.maxChannels) throw new RangeError(`LoudnessEngine: ${n} channels given, at most ${this.maxChannels} configured`);
		if (!(from >= 0 && from <= to)) throw new RangeError(`LoudnessEngine: bad range ${from}…${to}`);
		for (let c = 0; c < n; c++) if (channels[c].length < to) throw new RangeError(`LoudnessEngine: channel ${c} has ${channels[c].length} samples, range ends at ${to}`);
		if (n !== this.layoutChannels || this.dualMono !== this.layoutDualMono) this.setLayout(n);
		for (let c = 0; c < n; c++) this.truePeak = Math.max(this.truePeak, this.truePeakDetector.process(c, channels[c], from, to));
		let at = from;
		while (at < to) {
			const end = Math.min(to, at + (this.nextBoundary - this.totalSamples));
			for (let c = 0; c < n; c++) this.accumulate(c, channels[c], at, end);
			if (n >= 2) this.accumulateCross(channels[0], channels[1], at, end);
			this.totalSamples += end - at;
			at = end;
			if (this.totalSamples === this.nextBoundary) this.closeSubBlock();
		}
	}
	/** Clears all measurement state (the dualMono setting is kept). */
	reset() {
		this.truePeakDetector.reset();
		this.filterState.fill(0);
		this.weightedSum.fill(0);
		this.rawSum.fill(0);
		this.crossSum = 0;
		this.totalSamples = 0;
		this.subBlocks = 0;
		this.subBlockStart = 0;
		this.nextBoundary = this.boundary(1);
		this.ringPower.fill(0);
		this.ringLength.fill(0);
		this.ringRaw.fill(0);
		this.ringRawCount.fill(0);
		this.ringCross.fill(0);
		this.ringLeft.fill(0);
		this.ringRight.fill(0);
		this.momentaryPower = 0;
		this.shortTermPower = 0;
		this.momentaryMaxPower = 0;
		this.shortTermMaxPower = 0;
		this.noiseFloorPower = Number.POSITIVE_INFINITY;
		this.samplePeak = 0;
		this.truePeak = 0;
		this.rawTotal = 0;
		this.rawTotalCount = 0;
		this.crossTotal = 0;
		this.leftTotal = 0;
		this.rightTotal = 0;
		this.gateCount.fill(0);
		this.gatePower.fill(0);
		this.rangeCount.fill(0);
		this.rangePower.fill(0);
		this.rangeLoudness.fill(0);
	}
	/**
	* Writes the current readings into `frame` (layout LOUDNESS_READINGS). Scans the histograms (meant for
	* ~10–30 calls a second). A typed array, not an object: storing doubles in object fields boxes them.
	* One function on purpose: its histogram loops make V8 optimise it after a call or two, and only
	* optimised code does double arithmetic without allocating.
	*/
	readInto(frame) {
		const R = LOUDNESS_READINGS.index;
		const none = Number.NEGATIVE_INFINITY;
		frame[R.momentary] = this.subBlocks >= MOMENTARY ? powerToLufs(this.momentaryPower) : none;
		frame[R.shortTerm] = this.subBlocks >= SHORT_TERM ? powerToLufs(this.shortTermPower) : none;
		frame[R.momentaryMax] = powerToLufs(this.momentaryMaxPower);
		frame[R.shortTermMax] = powerToLufs(this.shortTermMaxPower);
		const gateCount = this.gateCount;
		const gatePower = this.gatePower;
		let n = 0;
		let sum = 0;
		for (let b = 0; b < BINS; b++) {
			n += gateCount[b];
			sum += gatePower[b];
		}
		frame[R.integrated] = none;
		if (n > 0) {
			const position = (powerToLufs(sum / n * INTEGRATED_GATE) - HISTOGRAM_FLOOR) * BINS_PER_LU;
			const gateBin = Math.floor(position);
			let gatedN = 0;
			let gatedSum = 0;
			for (let b = Math.min(Math.max(0, gateBin), 9999); b < BINS; b++) {
				const share = b === gateBin ? gateBin + 1 - position : 1;
				gatedN += share * gateCount[b];
				gatedSum += share * gatePower[b];
			}
			if (gatedN > 0) frame[R.integrated] = powerToLufs(gatedSum / gatedN);
		}
		const rangeCount = this.rangeCount;
		const rangePower = this.rangePower;
		n = 0;
		sum = 0;
		for (let b = 0; b < BINS; b++) {
			n += rangeCount[b];
			sum += rangePower[b];
		}
		frame[R.loudnessRange] = 0;
		if (n > 0) {
			const gate = sum / n * RANGE_GATE;
			let first = 0;
			while (first < 9999 && !(rangeCount[first] > 0 && rangePower[first] >= gate * rangeCount[first])) first++;
			let gatedN = 0;
			for (let b = first; b < BINS; b++) gatedN += rangeCount[b];
			const lowRank = Math.round((gatedN - 1) * .1);
			const highRank = Math.round((gatedN - 1) * .95);
			let low = -1;
			let seen = 0;
			let b = first;
			for (; b < 9999; b++) {
				seen += rangeCount[b];
				if (low < 0 && seen > lowRank) low = b;
				if (seen > highRank) break;
			}
			if (low < 0) low = b;
			const loudness = this.rangeLoudness;
			frame[R.loudnessRange] = loudness[b] / rangeCount[b] - loudness[low] / rangeCount[low];
		}
		frame[R.samplePeak] = 20 * Math.log10(this.samplePeak);
		frame[R.truePeak] = 20 * Math.log10(Math.max(this.truePeak, this.samplePeak));
		frame[R.plr] = frame[R.integrated] > none ? frame[R.truePeak] - frame[R.integrated] : none;
		let raw = this.rawTotal;
		for (let c = 0; c < this.layoutChannels; c++) if (this.weights[c] > 0) raw += this.rawSum[c];
		const rawCount = this.rawTotalCount + (this.totalSamples - this.subBlockStart) * this.rawChannels;
		frame[R.rms] = rawCount > 0 ? 10 * Math.log10(raw / rawCount) : none;
		frame[R.noiseFloor] = this.subBlocks >= NOISE_FLOOR ? 10 * Math.log10(this.noiseFloorPower) : none;
		let cross = 0;
		let left = 0;
		let right = 0;
		for (let j = 1; j <= Math.min(CORRELATION, this.subBlocks); j++) {
			const slot = (this.subBlocks - j) % RING;
			cross += this.ringCross[slot];
			left += this.ringLeft[slot];
			right += this.ringRight[slot];
		}
		frame[R.correlation] = correlation(cross, left, right);
		frame[R.programmeCorrelation] = correlation(this.crossTotal, this.leftTotal, this.rightTotal);
		frame[R.duration] = this.totalSamples / this.sampleRate;
	}
	/** The same readings as an object (for offline analysis; the audio thread uses readInto). */
	read(out) {
		this.readInto(this.scratch);
		for (const name of LOUDNESS_READINGS.names) out[name] = this.scratch[LOUDNESS_READINGS.index[name]];
	}
	/** Sample index where sub-block k − 1 ends (k ≥ 1). */
	boundary(k) {
		return Math.round(k * this.sampleRate / SUB_BLOCKS_PER_SECOND);
	}
	setLayout(n) {
		const w = this.weights;
		w.fill(0);
		w.fill(1, 0, n);
		if (n === 1 && this.dualMono) w[0] = 2;
		if (n === 4) {
			w[2] = SURROUND;
			w[3] = SURROUND;
		}
		if (n === 6) {
			w[3] = 0;
			w[4] = SURROUND;
			w[5] = SURROUND;
		}
		for (let c = Math.max(0, this.layoutChannels); c < n; c++) this.filterState.fill(0, c * 4, c * 4 + 4);
		this.layoutChannels = n;
		this.layoutDualMono = this.dualMono;
		this.rawChannels = n === 6 ? 5 : n;
	}
	/** K-weights channel c over [from, to) into its sub-block sums; also raw power and sample peak. */
	accumulate(c, x, from, to) {
		const sb0 = this.sb0;
		const sb1 = this.sb1;
		const sb2 = this.sb2;
		const sa1 = this.sa1;
		const sa2 = this.sa2;
		const hb0 = this.hb0;
		const hb1 = this.hb1;
		const hb2 = this.hb2;
		const ha1 = this.ha1;
		const ha2 = this.ha2;
		const state = this.filterState;
		const o = c * 4;
		let s1 = state[o];
		let s2 = state[o + 1];
		let h1 = state[o + 2];
		let h2 = state[o + 3];
		let weighted = this.weightedSum[c];
		let raw = this.rawSum[c];
		let peak = this.samplePeak;
		for (let i = from; i < to; i++) {
			let v = x[i];
			if (v - v !== 0) v = 0;
			raw += v * v;
			const a = Math.abs(v);
			if (a > peak) peak = a;
			const y = sb0 * v + s1;
			s1 = sb1 * v - sa1 * y + s2;
			s2 = sb2 * v - sa2 * y;
			const z = hb0 * y + h1;
			h1 = hb1 * y - ha1 * z + h2;
			h2 = hb2 * y - ha2 * z;
			weighted += z * z;
		}
		state[o] = s1;
		state[o + 1] = s2;
		state[o + 2] = h1;
		state[o + 3] = h2;
		this.weightedSum[c] = weighted;
		this.rawSum[c] = raw;
		this.samplePeak = peak;
	}
	accumulateCross(left, right, from, to) {
		let cross = this.crossSum;
		for (let i = from; i < to; i++) {
			const p = left[i] * right[i];
			if (p - p === 0) cross += p;
		}
		this.crossSum = cross;
	}
	closeSubBlock() {
		const n = this.layoutChannels;
		const w = this.weights;
		let power = 0;
		let raw = 0;
		for (let c = 0; c < n; c++) {
			power += w[c] * this.weightedSum[c];
			if (w[c] > 0) raw += this.rawSum[c];
		}
		const left = n >= 1 ? this.rawSum[0] : 0;
		const right = n >= 2 ? this.rawSum[1] : left;
		const cross = n >= 2 ? this.crossSum : left;
		const length = this.nextBoundary - this.subBlockStart;
		const slot = this.subBlocks % RING;
		this.ringPower[slot] = power;
		this.ringLength[slot] = length;
		this.ringRaw[slot] = raw;
		this.ringRawCount[slot] = length * this.rawChannels;
		this.ringCross[slot] = cross;
		this.ringLeft[slot] = left;
		this.ringRight[slot] = right;
		this.rawTotal += raw;
		this.rawTotalCount += length * this.rawChannels;
		this.crossTotal += cross;
		this.leftTotal += left;
		this.rightTotal += right;
		this.weightedSum.fill(0);
		this.rawSum.fill(0);
		this.crossSum = 0;
		const state = this.filterState;
		for (let i = 0; i < state.length; i++) {
			const v = state[i];
			if (!(v > 1e-25 || v < -1e-25)) state[i] = 0;
		}
		this.subBlocks++;
		this.subBlockStart = this.nextBoundary;
		this.nextBoundary = this.boundary(this.subBlocks + 1);
		const hop = this.subBlocks % HOP === 0;
		const k = this.subBlocks;
		const ringPower = this.ringPower;
		const ringLength = this.ringLength;
		let windowPower = 0;
		let windowLength = 0;
		let j = 1;
		for (const depth = Math.min(k, MOMENTARY); j <= depth; j++) {
			windowPower += ringPower[(k - j) % RING];
			windowLength += ringLength[(k - j) % RING];
		}
		if (k >= MOMENTARY) {
			const m = windowPower / windowLength;
			this.momentaryPower = m;
			this.momentaryMaxPower = Math.max(this.momentaryMaxPower, m);
			if (hop && m > ABSOLUTE_GATE) {
				let bin = Math.floor((-.691 + 10 * Math.log10(m) - HISTOGRAM_FLOOR) * BINS_PER_LU);
				bin = bin < 0 ? 0 : bin >= BINS ? 9999 : bin;
				this.gateCount[bin]++;
				this.gatePower[bin] += m;
			}
		}
		for (const depth = Math.min(k, SHORT_TERM); j <= depth; j++) {
			windowPower += ringPower[(k - j) % RING];
			windowLength += ringLength[(k - j) % RING];
		}
		if (k >= SHORT_TERM) {
			const s = windowPower / windowLength;
			this.shortTermPower = s;
			this.shortTermMaxPower = Math.max(this.shortTermMaxPower, s);
			if (hop && s >= ABSOLUTE_GATE) {
				const loudness = -.691 + 10 * Math.log10(s);
				let bin = Math.floor((loudness - HISTOGRAM_FLOOR) * BINS_PER_LU);
				bin = bin < 0 ? 0 : bin >= BINS ? 9999 : bin;
				this.rangeCount[bin]++;
				this.rangePower[bin] += s;
				this.rangeLoudness[bin] += loudness;
			}
		}
		if (k >= NOISE_FLOOR) {
			let raw = 0;
			let rawCount = 0;
			for (let i = 1; i <= NOISE_FLOOR; i++) {
				raw += this.ringRaw[(k - i) % RING];
				rawCount += this.ringRawCount[(k - i) % RING];
			}
			const floor = rawCount > 0 ? raw / rawCount : 0;
			this.noiseFloorPower = Math.min(this.noiseFloorPower, floor);
		}
	}
};
function correlation(cross, left, right) {
	const norm = Math.sqrt(left * right);
	if (!(norm > 0)) return 0;
	return Math.min(1, Math.max(-1, cross / norm));
}
// src/kernel.ts
/** Up to 5.1 (L R C LFE Ls Rs); further channels pass through unmeasured. */
var METER_MAX_CHANNELS = 6;
var MeterKernel = class {
	latencySamples = 0;
	engine;
	constructor({ sampleRate, maxChannels, params }) {
		this.engine = new LoudnessEngine(sampleRate, maxChannels);
		this.engine.dualMono = params.dualMono >= .5;
	}
	process(inputs, outputs, from, to) {
		for (let c = 0; c < outputs.length; c++) {
			const input = inputs[c];
			const output = outputs[c];
			if (input !== output) for (let i = from; i < to; i++) output[i] = input[i];
		}
		this.engine.process(inputs, from, to);
	}
	setParameter(id, value) {
		if (id === "dualMono") this.engine.dualMono = value >= .5;
	}
	reset() {
		this.engine.reset();
	}
	writeTelemetry(frame) {
		this.engine.readInto(frame);
	}
};
var createMeterKernel = (config) => new MeterKernel(config);
// src/loudness/measure.ts
var MIN_SAMPLE_RATE = 8e3;
var MAX_SAMPLE_RATE = 384e3;
var MAX_CHANNELS = 8;
var CHUNK = 4096;
/**
* Measures a whole programme (one Float32Array per channel; 6 channels are read as 5.1 in Web Audio
* order L R C LFE Ls Rs, 4 as L R Ls Rs).
*/
function measureLoudness(channels, sampleRate, options = {}) {
	if (!Array.isArray(channels)) throw new TypeError("measureLoudness: channels must be an array of Float32Array");
	if (channels.length === 0) throw new RangeError("measureLoudness: no channels given");
	if (channels.length > 8) throw new RangeError(`measureLoudness: ${channels.length} channels given, at most 8 supported`);
	channels.forEach((channel, c) => {
		if (!(channel instanceof Float32Array)) throw new TypeError(`measureLoudness: channel ${c} is not a Float32Array`);
		if (channel.length !== channels[0].length) throw new RangeError(`measureLoudness: channels differ in length (channel 0: ${channels[0].length} samples, channel ${c}: ${channel.length})`);
	});
	if (typeof sampleRate !== "number" || !(sampleRate >= 8e3 && sampleRate <= 384e3)) throw new RangeError(`measureLoudness: sample rate ${sampleRate} is outside ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz`);
	const engine = new LoudnessEngine(sampleRate, channels.length);
	engine.dualMono = options.dualMono === true;
	const length = channels[0].length;
	for (let from = 0; from < length; from += CHUNK) engine.process(channels, from, Math.min(length, from + CHUNK));
	const r = createLoudnessReadings();
	engine.read(r);
	return {
		integrated: r.integrated,
		momentaryMax: r.momentaryMax,
		shortTermMax: r.shortTermMax,
		loudnessRange: r.loudnessRange,
		truePeak: r.truePeak,
		samplePeak: r.samplePeak,
		plr: r.plr,
		rms: r.rms,
		noiseFloor: r.noiseFloor,
		correlation: r.programmeCorrelation,
		duration: r.duration
	};
}
// src/loudness/targets.ts
var TARGET_IDS = [
	"spotify",
	"appleMusic",
	"youtube",
	"tidal",
	"amazonMusic",
	"deezer",
	"applePodcasts",
	"ebuR128",
	"atscA85",
	"acx"
];
var streaming = (id, label, integrated, integratedProvenance, peakProvenance, normalisation, upGainPeakLimited, note) => ({
	id,
	label,
	integrated,
	tolerance: 1,
	peakCeiling: -1,
	peakKind: "truePeak",
	normalisation,
	upGainPeakLimited,
	loudPeakRule: null,
	rms: null,
	noiseFloorMax: null,
	provenance: {
		integrated: integratedProvenance,
		tolerance: "recommended",
		peak: peakProvenance
	},
	note
});
var TARGETS = {
	spotify: {
		...streaming("spotify", "Spotify", -14, "official", "official", "up-and-down", true, "Loud mode −11, Quiet −19 LUFS."),
		loudPeakRule: {
			above: -14,
			ceiling: -2
		}
	},
	appleMusic: streaming("appleMusic", "Apple Music", -16, "reported", "reported", "up-and-down", true, "Sound Check; about 1 dB of true-peak headroom."),
	youtube: streaming("youtube", "YouTube", -14, "reported", "recommended", "down-only", false, "Turns loud tracks down only."),
	tidal: streaming("tidal", "TIDAL", -14, "reported", "recommended", "up-and-down", false, ""),
	amazonMusic: streaming("amazonMusic", "Amazon Music", -14, "reported", "recommended", "up-and-down", false, ""),
	deezer: streaming("deezer", "Deezer", -15, "reported", "recommended", "up-and-down", false, ""),
	applePodcasts: {
		...streaming("applePodcasts", "Apple Podcasts", -16, "official", "official", "none", false, "Delivery spec."),
		provenance: {
			integrated: "official",
			tolerance: "official",
			peak: "official"
		}
	},
	ebuR128: {
		...streaming("ebuR128", "EBU R128", -23, "official", "official", "none", false, ""),
		tolerance: .5,
		provenance: {
			integrated: "official",
			tolerance: "official",
			peak: "official"
		},
		note: "QC tolerance ±0.2 LU; short-form (R128 s1): max short-term −18 LUFS."
	},
	atscA85: {
		...streaming("atscA85", "ATSC A/85", -24, "official", "official", "none", false, "US television."),
		tolerance: 2,
		peakCeiling: -2,
		provenance: {
			integrated: "official",
			tolerance: "official",
			peak: "official"
		}
	},
	acx: {
		id: "acx",
		label: "ACX (Audible)",
		integrated: null,
		tolerance: null,
		peakCeiling: -3,
		peakKind: "samplePeak",
		normalisation: "none",
		upGainPeakLimited: false,
		loudPeakRule: null,
		rms: {
			min: -23,
			max: -18
		},
		noiseFloorMax: -60,
		provenance: {
			integrated: null,
			tolerance: null,
			peak: "official"
		},
		note: "Also: 44.1 kHz, MP3 ≥ 192 kbps CBR, 0.5–1 s room tone at the head, 1–5 s at the tail, ≤ 120 min."
	}
};
var EPSILON = 1e-9;
var fmt = (v) => (Number.isFinite(v) ? v.toFixed(1) : v > 0 ? "+∞" : "−∞").replace("-", "−");
function check(id, label, measured, min, max, unit, pass = (min === null || measured >= min - EPSILON) && (max === null || measured <= max + EPSILON)) {
	return {
		id,
		label,
		measured,
		min,
		max,
		limit: min !== null && max !== null ? `${fmt(min)} … ${fmt(max)} ${unit}` : min !== null ? `≥ ${fmt(min)} ${unit}` : `≤ ${fmt(max ?? 0)} ${unit}`,
		pass
	};
}
/** Judges a measurement against a delivery target. Pure: no state, no side effects. */
function judge(targetId, readings) {
	const t = TARGETS[targetId];
	const checks = [];
	const measured = Number.isFinite(readings.integrated);
	if (t.integrated !== null && t.tolerance !== null) checks.push(check("integrated", "Integrated", readings.integrated, t.integrated - t.tolerance, t.integrated + t.tolerance, "LUFS"));
	if (t.peakKind === "truePeak") {
		const loud = t.loudPeakRule !== null && readings.integrated > t.loudPeakRule.above;
		const ceiling = loud && t.loudPeakRule ? t.loudPeakRule.ceiling : t.peakCeiling;
		const label = loud ? `True peak (louder than ${fmt(t.loudPeakRule?.above ?? 0)} LUFS)` : "True peak";
		checks.push(check("truePeak", label, readings.truePeak, null, ceiling, "dBTP"));
	} else checks.push(check("samplePeak", "Sample peak", readings.samplePeak, null, t.peakCeiling, "dBFS"));
	if (t.rms) checks.push(check("rms", "RMS", readings.rms, t.rms.min, t.rms.max, "dBFS"));
	if (t.noiseFloorMax !== null) {
		const ok = readings.duration >= .5 && readings.noiseFloor <= t.noiseFloorMax + EPSILON;
		checks.push(check("noiseFloor", "Noise floor", readings.noiseFloor, null, t.noiseFloorMax, "dBFS", ok));
	}
	const pass = checks.every((c) => c.pass);
	const failures = checks.filter((c) => !c.pass).map((c) => `${c.label} ${fmt(c.measured)} (needs ${c.limit})`).join("; ");
	if (t.normalisation === "none" || t.integrated === null) return {
		targetId,
		pass,
		checks,
		platformGain: null,
		summary: pass ? `Meets ${t.label}` : `Fails ${t.label}: ${failures}`
	};
	if (!measured) return {
		targetId,
		pass,
		checks,
		platformGain: null,
		summary: "No measurable programme loudness yet"
	};
	let gain = t.integrated - readings.integrated;
	let peakLimited = false;
	if (t.normalisation === "down-only" && gain > 0) gain = 0;
	if (gain > 0 && t.upGainPeakLimited) {
		const room = Math.max(0, -1 - readings.truePeak);
		if (room < gain) {
			gain = room;
			peakLimited = true;
		}
	}
	const amount = Math.abs(gain).toFixed(1);
	let summary;
	if (amount === "0.0") summary = t.normalisation === "down-only" && t.integrated > readings.integrated ? `${t.label} will leave this as it is (it only turns loud tracks down)` : `${t.label} will play this at its own level`;
	else summary = `${t.label} will turn this ${gain < 0 ? "down" : "up"} by ${amount} dB`;
	if (peakLimited) summary += " (held back by the true peak)";
	return {
		targetId,
		pass,
		checks,
		platformGain: gain,
		summary
	};
}
// src/params.ts
/** The meter's parameters. Ids are persistence keys: never rename them. */
var meterParams = defineParams({
	target: {
		type: "choice",
		label: "Target",
		choices: TARGET_IDS,
		choiceLabels: TARGET_IDS.map((id) => TARGETS[id].label),
		default: "spotify"
	},
	dualMono: {
		type: "boolean",
		label: "Dual mono",
		default: false
	}
});
// src/telemetry.ts
/** What the meter reports to its GUI ~30 times a second: the engine's readings frame, as is. */
var meterTelemetry = LOUDNESS_READINGS;
export { LoudnessEngine, MAX_CHANNELS, MAX_SAMPLE_RATE, METER_MAX_CHANNELS, MIN_SAMPLE_RATE, MeterKernel, TARGETS, TARGET_IDS, createLoudnessReadings, createMeterKernel, descriptor, judge, measureLoudness, meterParams, meterTelemetry };
