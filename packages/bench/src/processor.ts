// Each plugin's whole AudioWorklet processor as it ships — dist/processor.js on top of the SDK's
// worklet-side code — run in Node inside a simulated AudioWorkletGlobalScope and driven as Web Audio
// and a host drive it: one 128-frame quantum per process() call, automation arriving as `add/event`
// messages between quanta, telemetry frames posted out and their buffers handed back. Beside each,
// the reference: the SDK's own WamProcessor.process, with a pass-through _process.
//
// What is measured is the processor's JavaScript. The host's side (building and posting messages,
// reading replies) and the platform's (structured-cloning what arrives) happen on other threads or
// in native code in a browser, so here the arriving messages are built before the measurement and
// the replies stay queued in a real MessagePort until after it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFunction, runInThisContext } from 'node:vm';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  type TransferListItem,
} from 'node:worker_threads';
import { measureAllocation } from '@lathe/plugin-kit/testing';
import { CHANNELS, EQ_SETTINGS, QUANTUM, SAMPLE_RATE } from './settings.ts';

/** Every plugin with a built processor, by package name (`packages/plugin-<name>`). */
export const PROCESSOR_PLUGINS = ['eq', 'comp', 'limiter', 'meter', 'strip'] as const;
export type ProcessorPlugin = (typeof PROCESSOR_PLUGINS)[number];

/** Which processor runs: the plugin's own, or the SDK's WamProcessor with the same parameters. */
export type ProcessorKind = 'lathe' | 'sdk';

// The host's automation: one point per quantum (375 a second), each landing EVENT_OFFSET samples
// into its quantum so that it splits it, cycling through the plugin's float parameters; each
// parameter alternates between two settings.
const EVENT_OFFSET = 37;
const AUTOMATION_SETTINGS = [0.3, 0.7] as const; // normalized
/** Quanta measured: ~53 s of audio, or the whole programme if shorter. */
const QUANTA = 20_000;
/** Measurements per figure, the median reported: a one-off (a deoptimization) is not per quantum. */
const WINDOWS = 3;
/** Most bytes one measurement may allocate: young-generation garbage beyond it could trigger a collection. */
const WINDOW_BUDGET = 512 * 1024;
const PROBE_QUANTA = 128;
/** Doubles per telemetry buffer: at least any plugin's frame (the EQ's, 193, is the largest). */
const TELEMETRY_CAPACITY = 256;
const TELEMETRY_POOL_SIZE = 3; // what LatheNode hands the processor
const HOST_GROUP = ['lathe-bench-host', 'lathe-bench-key'] as const;

// The SDK's worklet-side modules in the order WamNode.addModules adds them for each plugin.
const SDK_PROCESSOR_MODULES = [
  'RingBuffer',
  'WamEventRingBuffer',
  'WamArrayRingBuffer',
  'WamParameter',
  'WamParameterInfo',
  'WamParameterInterpolator',
  'WamProcessor',
] as const;

// --- The worklet side, as far as the benchmark touches it ---

interface MessageEventLike {
  readonly data: unknown;
}
interface ParameterInfo {
  readonly type: string;
  readonly defaultValue: number;
  denormalize(normalized: number): number;
}
type ParameterInfoMap = Record<string, ParameterInfo>;
interface ProcessorOptions {
  readonly processorOptions: {
    readonly groupId: string;
    readonly moduleId: string;
    readonly instanceId: string;
    readonly initialValues: Record<string, number>;
  };
}
interface WorkletProcessor {
  readonly port: ProcessorPort;
  process(
    inputs: Float32Array[][],
    outputs: Float32Array[][],
    parameters: Record<string, Float32Array>,
  ): boolean;
  destroy(): void;
}
interface ProcessorClass {
  new (options: ProcessorOptions): WorkletProcessor;
  // The hook the SDK calls to learn a processor's parameters; it reads nothing from the instance.
  readonly prototype: { _generateWamParameterInfo(): ParameterInfoMap };
}
interface WorkletScope {
  sampleRate: number;
  currentFrame: number;
  currentTime: number;
  webAudioModules: {
    getModuleScope(moduleId: string): { WamProcessor: ProcessorClass };
  };
}

/** A processor's end of its node's MessageChannel. */
class ProcessorPort {
  /** Set by the SDK's WamProcessor constructor. */
  onmessage: ((event: MessageEventLike) => void) | null = null;
  /** Telemetry frames posted so far: the host hands a buffer back for each. */
  framesSent = 0;

  constructor(private readonly channel: MessagePort) {}

  // Replies really go through a MessagePort (structured clone, buffers transferred) and queue up
  // at the host's end; only whether one is a telemetry frame is looked at here.
  postMessage(message: unknown, transfer?: readonly TransferListItem[]): void {
    if ((message as { lathe?: unknown }).lathe === 'telemetry') this.framesSent++;
    this.channel.postMessage(message, transfer);
  }

  close(): void {
    this.channel.close();
  }
}

let portForNextProcessor: ProcessorPort | undefined;

/** The platform's base class: hands each new processor the port its node was created with. */
class SimulatedAudioWorkletProcessor {
  readonly port: ProcessorPort;
  constructor() {
    if (!portForNextProcessor) throw new Error('AudioWorkletProcessor: construct processors through a node');
    this.port = portForNextProcessor;
    portForNextProcessor = undefined;
  }
}

const registeredProcessors = new Map<string, ProcessorClass>();
const scope = globalThis as unknown as WorkletScope;

const kitRequire = createRequire(createRequire(import.meta.url).resolve('@lathe/plugin-kit'));

/** An SDK source module's default export: each is self-contained (no imports), the function that
 * WamNode.addModules and initializeWamHost stringify into the worklet. */
function sdkExport(name: string): unknown {
  const file = kitRequire.resolve(`@webaudiomodules/sdk/src/${name}.js`);
  const source = readFileSync(file, 'utf8');
  const body = source.replace(/^export default (.+);$/m, 'return $1;');
  if (body === source) throw new Error(`${file} has no default export`);
  return compileFunction(`"use strict";\n${body}`, [], { filename: file })();
}

/** What the SDK's addFunctionModule hands audioWorklet.addModule: the function's source, called. */
function addFunctionModule(source: unknown, ...args: readonly string[]): void {
  runInThisContext(`(${String(source)})(${args.map((arg) => JSON.stringify(arg)).join(', ')});`);
}

let scopeInstalled = false;

/**
 * The AudioWorkletGlobalScope, once per process (like one AudioContext's, which every plugin's
 * modules are added to): the platform's globals, then the worklet side of initializeWamHost.
 */
function installWorkletScope(): void {
  if (scopeInstalled) return;
  scopeInstalled = true;
  Object.assign(globalThis, {
    AudioWorkletProcessor: SimulatedAudioWorkletProcessor,
    registerProcessor(name: string, processor: ProcessorClass) {
      registeredProcessors.set(name, processor);
    },
    sampleRate: SAMPLE_RATE,
    currentFrame: 0,
    currentTime: 0,
  });
  addFunctionModule(sdkExport('WamEnv'), String(sdkExport('apiVersion')));
  addFunctionModule(sdkExport('WamGroup'), ...HOST_GROUP);
}

/** packages/plugin-<name>/dist, checked to hold a built processor. */
function processorDist(plugin: ProcessorPlugin): string {
  const dist = fileURLToPath(new URL(`../../plugin-${plugin}/dist/`, import.meta.url));
  if (!existsSync(join(dist, 'processor.js')))
    throw new Error(`${dist} has no processor.js: run \`pnpm --filter @lathe/plugin-${plugin} build\``);
  return dist;
}

interface LoadedProcessor {
  readonly moduleId: string;
  readonly Processor: ProcessorClass;
}
const loadedProcessors = new Map<ProcessorPlugin, LoadedProcessor>();

/** What loading the plugin adds to the worklet: the SDK's modules for its id, then processor.js. */
function loadProcessor(plugin: ProcessorPlugin): LoadedProcessor {
  const cached = loadedProcessors.get(plugin);
  if (cached) return cached;
  installWorkletScope();
  const dist = processorDist(plugin);
  const { identifier: moduleId } = JSON.parse(readFileSync(join(dist, 'descriptor.json'), 'utf8')) as {
    identifier: string;
  };
  for (const name of SDK_PROCESSOR_MODULES) addFunctionModule(sdkExport(name), moduleId);
  // Evaluated as a module is: strict, its declarations kept out of the global scope.
  const file = join(dist, 'processor.js');
  compileFunction(`"use strict";\n${readFileSync(file, 'utf8')}`, [], { filename: file })();
  const Processor = registeredProcessors.get(moduleId);
  if (!Processor) throw new Error(`${file} registered no processor named ${moduleId}`);
  const loaded = { moduleId, Processor };
  loadedProcessors.set(plugin, loaded);
  return loaded;
}

/** The reference: the SDK's WamProcessor, process() unchanged, audio passed through. */
function sdkPassThrough(WamProcessor: ProcessorClass, parameterInfo: () => ParameterInfoMap): ProcessorClass {
  class SdkPassThrough extends WamProcessor {
    _generateWamParameterInfo(): ParameterInfoMap {
      return parameterInfo();
    }

    _process(start: number, end: number, inputs: Float32Array[][], outputs: Float32Array[][]): void {
      const input = inputs[0];
      const output = outputs[0];
      for (let c = 0; c < output.length; c++) {
        const from = input[Math.min(c, input.length - 1)];
        const to = output[c];
        for (let i = start; i < end; i++) to[i] = from[i];
      }
    }
  }
  return SdkPassThrough;
}

// --- The main-thread side: a node and its host ---

/** Messages a host sends during a run, built before it (in a browser they would be built elsewhere). */
interface Traffic {
  /** currentTime of each quantum, as boxed numbers so setting the global allocates nothing. */
  readonly times: unknown[];
  /** The automation point (an `add/event` request) that arrives before each quantum, if any. */
  readonly events: (MessageEventLike | null)[];
  readonly returnedBuffers: MessageEventLike[];
}

/** One processor, its node's port and the host driving it, over a looping programme. */
export class ProcessorUnderTest {
  /** The float parameters the host automates, with their two settings (plain values). */
  readonly automated: readonly { readonly id: string; readonly settings: readonly number[] }[];
  private readonly processor: WorkletProcessor;
  private readonly hostEnd: MessagePort;
  private readonly port: ProcessorPort;
  private readonly inputs: Float32Array[][];
  private readonly outputs: Float32Array[][];
  private readonly parameters: Record<string, Float32Array> = {};
  private readonly programmeLength: number;
  private nextMessageId = 1;
  private quanta = 0;
  private framesReturned = 0;
  private traffic: Traffic | undefined;
  private trafficStart = 0;
  private destroyed = false;

  private constructor(
    Processor: ProcessorClass,
    moduleId: string,
    parameterInfo: ParameterInfoMap,
    initialValues: Record<string, number>,
    private readonly signal: readonly Float32Array[],
    private readonly telemetry: boolean,
  ) {
    this.programmeLength = signal[0].length - (signal[0].length % QUANTUM);
    const channel = new MessageChannel();
    this.hostEnd = channel.port2;
    this.port = new ProcessorPort(channel.port1);
    portForNextProcessor = this.port;
    this.processor = new Processor({
      processorOptions: { groupId: HOST_GROUP[0], moduleId, instanceId: `${moduleId}-bench`, initialValues },
    });
    // One stereo input (plus an unconnected one for a sidechain: harmless where there is none).
    this.inputs = [Array.from({ length: CHANNELS }, () => new Float32Array(QUANTUM)), []];
    this.outputs = [Array.from({ length: CHANNELS }, () => new Float32Array(QUANTUM))];
    this.automated = Object.entries(parameterInfo)
      .filter(([, info]) => info.type === 'float')
      .map(([id, info]) => ({ id, settings: AUTOMATION_SETTINGS.map((v) => info.denormalize(v)) }));
    this.send({ id: this.nextMessageId++, request: 'initialize/processor' });
    if (telemetry) {
      // What LatheNode.subscribeTelemetry sends: a GUI is open and reading meters.
      this.send({ lathe: 'telemetry-watch', watching: true });
      for (let i = 0; i < TELEMETRY_POOL_SIZE; i++)
        this.send({ lathe: 'telemetry-buffer', buffer: new Float64Array(TELEMETRY_CAPACITY) });
    }
    this.drainReplies();
  }

  /**
   * A plugin's processor (`lathe`, with a GUI open reading telemetry) or the SDK's WamProcessor
   * with the same parameters (`sdk`), created as their node would create them.
   */
  static create(
    plugin: ProcessorPlugin,
    kind: ProcessorKind,
    signal: readonly Float32Array[],
  ): ProcessorUnderTest {
    const { moduleId, Processor } = loadProcessor(plugin);
    const parameterInfo = () => Processor.prototype._generateWamParameterInfo();
    const info = parameterInfo();
    const initialValues: Record<string, number> = {};
    for (const [id, { defaultValue }] of Object.entries(info)) initialValues[id] = defaultValue;
    // The EQ as everywhere in the bench: six bands with gain.
    if (plugin === 'eq') Object.assign(initialValues, EQ_SETTINGS);
    if (kind === 'lathe')
      return new ProcessorUnderTest(Processor, moduleId, info, initialValues, signal, true);
    const { WamProcessor } = scope.webAudioModules.getModuleScope(moduleId);
    const reference = sdkPassThrough(WamProcessor, parameterInfo);
    return new ProcessorUnderTest(reference, moduleId, info, initialValues, signal, false);
  }

  /** Quanta in the programme (it loops). */
  get programmeQuanta(): number {
    return this.programmeLength / QUANTUM;
  }

  /** The last quantum's input and output. */
  get input(): readonly Float32Array[] {
    return this.inputs[0];
  }
  get output(): readonly Float32Array[] {
    return this.outputs[0];
  }

  /** Builds what the host will send over the next `quanta` quanta (outside any measurement). */
  prepare(quanta: number, automation: boolean): void {
    const times: unknown[] = [null]; // an element that is not a number keeps the numbers boxed
    const events: (MessageEventLike | null)[] = [];
    for (let q = this.quanta; q < this.quanta + quanta; q++) {
      const frame = q * QUANTUM;
      times.push(frame / SAMPLE_RATE);
      if (!automation || this.automated.length === 0) {
        events.push(null);
        continue;
      }
      const { id, settings } = this.automated[q % this.automated.length];
      const value = settings[Math.floor(q / this.automated.length) % settings.length];
      const event = {
        type: 'wam-automation',
        time: (frame + EVENT_OFFSET) / SAMPLE_RATE,
        data: { id, value, normalized: false },
      };
      // What WamNode.scheduleEvents posts.
      events.push({ data: { id: this.nextMessageId++, request: 'add/event', content: { event } } });
    }
    const frames = this.telemetry
      ? Math.ceil((quanta * QUANTUM * 30) / SAMPLE_RATE) + TELEMETRY_POOL_SIZE
      : 0;
    const returnedBuffers = Array.from({ length: frames }, () => ({
      data: { lathe: 'telemetry-buffer', buffer: new Float64Array(TELEMETRY_CAPACITY) },
    }));
    this.traffic = { times, events, returnedBuffers };
    this.trafficStart = this.framesReturned;
  }

  /** Renders the quanta prepared last, one process() call each, as the audio thread does. */
  render(): void {
    const traffic = this.traffic;
    if (!traffic) throw new Error('render: call prepare() first');
    for (let q = 0; q < traffic.events.length; q++) this.quantum(traffic, q);
    this.traffic = undefined;
  }

  private quantum(traffic: Traffic, q: number): void {
    // Between quanta the worklet's event loop dispatches what has arrived: this quantum's
    // automation point, and the buffers of the telemetry frames the host has read.
    const onmessage = this.port.onmessage;
    if (onmessage) {
      const event = traffic.events[q];
      if (event) onmessage(event);
      while (this.framesReturned < this.port.framesSent) {
        const next = this.framesReturned - this.trafficStart;
        if (next >= traffic.returnedBuffers.length) break;
        onmessage(traffic.returnedBuffers[next]);
        this.framesReturned++;
      }
    }
    const frame = this.quanta * QUANTUM;
    scope.currentFrame = frame;
    scope.currentTime = traffic.times[q + 1] as number;
    const offset = frame % this.programmeLength;
    const input = this.inputs[0];
    for (let c = 0; c < CHANNELS; c++) {
      const source = this.signal[c];
      const target = input[c];
      for (let i = 0; i < QUANTUM; i++) target[i] = source[offset + i];
    }
    this.processor.process(this.inputs, this.outputs, this.parameters);
    this.quanta++;
  }

  /** Sends one message to the processor now (not during a measurement: this allocates). */
  send(data: unknown): void {
    this.port.onmessage?.({ data });
  }

  /** Reads every reply the processor has posted since the last call. */
  drainReplies(): unknown[] {
    const replies: unknown[] = [];
    for (let reply = receiveMessageOnPort(this.hostEnd); reply; reply = receiveMessageOnPort(this.hostEnd))
      replies.push(reply.message);
    return replies;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.processor.destroy();
    this.drainReplies();
    this.hostEnd.close();
  }
}

export interface ProcessorAllocation {
  /** Bytes per quantum while playing, a GUI reading telemetry (the SDK's: no telemetry). */
  readonly steady: number;
  /** The same with an automation point arriving before every quantum. */
  readonly automated: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Bytes a whole processor allocates per quantum once warmed up (see ProcessorUnderTest). It warms
 * up over the whole programme, half of it automated, so that V8 has optimized even what runs only
 * a few dozen times a second. Each figure is the median of 3 measurements over 20 000 quanta in
 * all (or the programme, if shorter), fewer when the processor allocates so much that a longer one
 * would trigger a garbage collection. NaN if one ran anyway.
 */
export async function processorAllocation(
  plugin: ProcessorPlugin,
  kind: ProcessorKind,
  signal: readonly Float32Array[],
): Promise<ProcessorAllocation> {
  const processor = ProcessorUnderTest.create(plugin, kind, signal);
  try {
    // Both kinds of traffic, so that switching between them later deoptimizes nothing.
    const half = Math.ceil(processor.programmeQuanta / 2);
    for (const automation of [true, false]) {
      processor.prepare(half, automation);
      processor.render();
      processor.drainReplies();
    }
    const render = (quanta: number, automation: boolean) => {
      processor.drainReplies(); // the host reads them between measurements
      processor.prepare(quanta, automation);
      return measureAllocation(() => processor.render());
    };
    // The measurement itself allocates a little (V8's heap statistics): measured empty, subtracted.
    const { bytes: overhead } = await measureAllocation(() => {});
    const perQuantum = async (automation: boolean) => {
      const probe = await render(PROBE_QUANTA, automation);
      const estimate = Math.max(0, probe.bytes - overhead) / PROBE_QUANTA;
      const longest = Math.floor(Math.min(QUANTA, processor.programmeQuanta) / WINDOWS);
      const quanta = Math.max(PROBE_QUANTA, Math.min(longest, Math.floor(WINDOW_BUDGET / estimate)));
      const results: number[] = [];
      for (let w = 0; w < WINDOWS; w++) {
        const { bytes, collections } = await render(quanta, automation);
        if (collections > 0) return Number.NaN;
        results.push((bytes - overhead) / quanta);
      }
      return median(results);
    };
    return { steady: await perQuantum(false), automated: await perQuantum(true) };
  } finally {
    processor.destroy();
  }
}
