// `pnpm bench`: every figure measured in the same run beside its reference, on the same programme.
// Real-time factors are medians over `runs`; ours and the references alternate run by run, so a
// busy neighbour on the machine slows both alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programme } from '@lathe/dsp/test-signals';
import { LATHE_RENDER_QUANTUM } from '@lathe/host';
import { distOf, gzipBytes, runChromium } from './chromium.ts';
import { bytesPerQuantum, kernelRtf, measureLoudnessRtf, PLUGINS } from './node.ts';
import { PROCESSOR_PLUGINS, processorAllocation } from './processor.ts';
import { prepareReferences } from './references.ts';
import { ffmpegChain, PROGRAMME_SEED, SAMPLE_RATE } from './settings.ts';

export interface BenchRow {
  readonly name: string;
  readonly ours: number;
  readonly reference: number | null;
  readonly unit: string;
  /** ours / reference (for real-time factors: higher is better for us). */
  readonly ratio: number | null;
}

export interface BenchOptions {
  /** Length of the programme in seconds (180 for the published figures). */
  readonly seconds?: number;
  /** Runs per real-time factor; the median is reported. */
  readonly runs?: number;
  /** Progress lines (to stderr in the CLI). */
  readonly log?: (line: string) => void;
}

const RTF = '× real time';
/** The Chromium chains rendered as the host renders a session of Lathe plugins only. */
const OFFLINE_CHAIN_ROW = `chromium chain vs native chain, ${LATHE_RENDER_QUANTUM} samples per call (host's offline render)`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function row(name: string, ours: number, unit: string, reference: number | null = null): BenchRow {
  return { name, ours, reference, unit, ratio: reference === null ? null : ours / reference };
}

/** Collects repeated samples per key, then reduces them to medians. */
class Samples {
  private readonly values = new Map<string, number[]>();
  add(key: string, value: number): void {
    this.values.set(key, [...(this.values.get(key) ?? []), value]);
  }
  median(key: string): number {
    return median(this.values.get(key) ?? []);
  }
}

export async function runBench(options: BenchOptions = {}): Promise<BenchRow[]> {
  const { seconds = 180, runs = 3, log = () => {} } = options;
  log(`programme: ${seconds} s stereo at ${SAMPLE_RATE} Hz`);
  const signal = programme(SAMPLE_RATE, seconds, PROGRAMME_SEED);
  const dir = mkdtempSync(join(tmpdir(), 'lathe-bench-'));
  try {
    const references = prepareReferences(signal, dir);
    const s = new Samples();
    for (let run = 1; run <= runs; run++) {
      log(`node and references, run ${run}/${runs}`);
      for (const name of PLUGINS) s.add(name, kernelRtf([name], signal));
      s.add('chain', kernelRtf(PLUGINS, signal));
      s.add('measureLoudness', measureLoudnessRtf(signal));
      s.add('ffmpeg ebur128', references.ffmpeg('ebur128=peak=true'));
      s.add('libebur128', references.libebur128());
      s.add('ffmpeg chain 6', references.ffmpeg(ffmpegChain(6)));
      s.add('ffmpeg chain 1', references.ffmpeg(ffmpegChain(1)));
      s.add('ffmpeg anull', references.ffmpeg('anull'));
    }
    // Up to here the process held only the programme, its raw copy for the references and the chain.
    const rssMb = process.resourceUsage().maxRSS / 1024;
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

    log('allocation per quantum');
    const allocations = [];
    for (const name of PLUGINS)
      allocations.push(row(`${name}: bytes allocated per quantum`, await bytesPerQuantum(name, signal), 'B'));

    log("whole AudioWorklet processors (dist/processor.js) beside the SDK's WamProcessor.process");
    const processors = [];
    for (const name of PROCESSOR_PLUGINS) {
      const ours = await processorAllocation(name, 'lathe', signal);
      const sdk = await processorAllocation(name, 'sdk', signal);
      processors.push(
        row(`${name}: processor bytes per quantum`, ours.steady, 'B', sdk.steady),
        row(`${name}: processor bytes per quantum, automated`, ours.automated, 'B', sdk.automated),
      );
    }

    log(`chromium, ${runs} run(s)`);
    const chromium = await runChromium(PLUGINS, signal, runs, LATHE_RENDER_QUANTUM);

    const ebur128 = s.median('ffmpeg ebur128');
    const libebur128 = s.median('libebur128');
    return [
      row('node eq, 6 bands', s.median('eq'), RTF),
      row('node compressor', s.median('comp'), RTF),
      row('node true-peak limiter', s.median('limiter'), RTF),
      row('node meter vs ffmpeg ebur128=peak=true', s.median('meter'), RTF, ebur128),
      row('node meter vs libebur128 I+LRA+TP', s.median('meter'), RTF, libebur128),
      row('node measureLoudness vs libebur128 I+LRA+TP', s.median('measureLoudness'), RTF, libebur128),
      row('node chain vs ffmpeg chain, 6 equalizers', s.median('chain'), RTF, s.median('ffmpeg chain 6')),
      row('node chain vs ffmpeg chain, 1 equalizer', s.median('chain'), RTF, s.median('ffmpeg chain 1')),
      row('baseline: ffmpeg decode only (-af anull)', s.median('ffmpeg anull'), RTF),
      row('chromium chain vs native chain', median(chromium.lathe), RTF, median(chromium.native)),
      row(OFFLINE_CHAIN_ROW, median(chromium.latheOffline), RTF, median(chromium.nativeOffline)),
      row('chromium chain, first third (JIT warming up)', median(chromium.latheFirstThird), RTF),
      row('chromium chain, the rest (JIT warm)', median(chromium.latheRest), RTF),
      row('baseline: chromium, four pass-through AudioWorkletNodes', median(chromium.passThrough), RTF),
      ...PLUGINS.map((name) => row(`chromium ${name}: createInstance`, median(chromium.loads[name]), 'ms')),
      ...PLUGINS.map((name) => row(`${name}: dist/ gzipped`, gzipBytes(distOf(name)), 'B')),
      ...allocations,
      ...processors,
      row('node chain: peak RSS of the process', rssMb, 'MB'),
      row('node chain: JS heap used after the runs', heapMb, 'MB'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The goals, checked against the rows by name. */
const GOALS: Record<
  string,
  {
    readonly on: 'ours' | 'ratio';
    readonly min?: number;
    readonly equals?: number;
    readonly below?: number;
  }
> = {
  'node meter vs ffmpeg ebur128=peak=true': { on: 'ratio', min: 1.5 },
  'node meter vs libebur128 I+LRA+TP': { on: 'ratio', min: 1 },
  'node chain vs ffmpeg chain, 1 equalizer': { on: 'ratio', min: 1 },
  'chromium chain vs native chain': { on: 'ours', min: 150 },
  [OFFLINE_CHAIN_ROW]: { on: 'ours', min: 150 },
  ...Object.fromEntries(
    PLUGINS.map((name) => [`${name}: bytes allocated per quantum`, { on: 'ours', equals: 0 }]),
  ),
  // Nothing allocated per quantum: an object takes at least 16 bytes, so under 1 byte per quantum
  // is occasional work (V8 tiering up, Node's MessagePort, the EQ's spectrum analysis for its GUI).
  ...Object.fromEntries(
    PROCESSOR_PLUGINS.map((name) => [`${name}: processor bytes per quantum`, { on: 'ours', below: 1 }]),
  ),
};

function verdict(r: BenchRow): string {
  const goal = GOALS[r.name];
  if (!goal) return '';
  const value = goal.on === 'ours' ? r.ours : (r.ratio ?? Number.NaN);
  const [met, target] =
    goal.equals !== undefined
      ? [value === goal.equals, `= ${goal.equals}`]
      : goal.below !== undefined
        ? [value < goal.below, `< ${goal.below}`]
        : [value >= (goal.min ?? 0), `≥ ${goal.min}${goal.on === 'ratio' ? '×' : ''}`];
  return `${met ? 'met' : 'NOT met'} (${goal.on} ${target})`;
}

function format(value: number | null): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(2);
}

/** A Markdown table: readable in a terminal and pasted as is into BENCHMARKS.md. */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = [
    ['benchmark', 'ours', 'reference', 'unit', 'ratio', 'goal'],
    ...rows.map((r) => [r.name, format(r.ours), format(r.reference), r.unit, format(r.ratio), verdict(r)]),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const print = (line: string[]) => `| ${line.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [print(lines[0]), print(widths.map((w) => '-'.repeat(w))), ...lines.slice(1).map(print)].join('\n');
}
