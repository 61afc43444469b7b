// Runs a kernel inside the AudioWorklet as a WAM 2.0 processor. Bundled into each plugin's
// `processor.js` and loaded with `audioWorklet.addModule`, after the SDK's own worklet modules.
//
// It extends the SDK's WamProcessor (so the SDK's messaging, event routing and WamEnv
// registration work as every host expects) but replaces its per-quantum `process`, which
// allocates on every call, with an allocation-free one that splits the quantum at the sample
// times of scheduled events. Parameter smoothing is the kernel's job, so the SDK's per-sample
// parameter interpolators are not used. The messages that keep arriving while audio runs
// (scheduled events, telemetry buffers handed back by the GUI) are handled here too rather than
// by the SDK, which allocates for each: so does the platform, receiving them, but this code not.
import type { Kernel, KernelFactory } from '../kernel.ts';
import {
  clampValue,
  type ParamId,
  type ParamTable,
  paramIds,
  paramRange,
  toWamParameterConfig,
} from '../params.ts';
import {
  isLatheMessage,
  type KernelProcessorOptions,
  type MainToProcessorMessage,
  type ProcessorState,
  TELEMETRY_RATE_HZ,
  type TelemetryFrameMessage,
} from '../protocol.ts';
import type { TelemetrySource } from '../telemetry.ts';

export interface ProcessorDefinition<T extends ParamTable, K extends Kernel<T>> {
  /** The plugin's identifier: the WAM moduleId and the AudioWorklet processor name. */
  readonly moduleId: string;
  readonly params: T;
  readonly createKernel: KernelFactory<T, K>;
  readonly maxChannels: number;
}

// What the worklet global scope and the SDK's WamProcessor give us (the SDK ships no types for
// the worklet side that fit a subclass).
interface WamEventLike {
  type: string;
  time?: number;
  data?: unknown;
}
interface WamParameterLike {
  value: number;
  readonly info: { denormalize(value: number): number };
}
/** Where the render path finds a parameter: its index in the values, and clampValue's bounds. */
interface Slot {
  readonly index: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}
interface PendingFrame {
  message: TelemetryFrameMessage;
  transfer: Transferable[];
}
/** A scheduled event with the id of the node's `add/event` request (0: from the audio thread). */
interface QueuedEvent {
  id: number;
  event: WamEventLike;
}
interface SdkRequest {
  id: number;
  request: string;
  content?: { parameterValues?: Record<string, unknown>; state?: unknown; event?: WamEventLike };
}
declare class WamProcessorBase {
  constructor(options: { processorOptions: unknown });
  readonly port: MessagePort;
  _initialized: boolean;
  _destroyed: boolean;
  _eventSabReady: boolean;
  _eventReader: { read(): WamEventLike[] };
  _eventWriter: { write(...events: WamEventLike[]): number };
  _parameterInfo: Record<string, unknown>;
  _parameterState: Record<string, WamParameterLike>;
  _initialize(): void;
  // Async in the SDK; the port ignores what it returns.
  _onMessage(message: MessageEvent): void;
  scheduleEvents(...events: WamEventLike[]): void;
  clearEvents(): void;
  destroy(): void;
}
interface WorkletScope {
  sampleRate: number;
  /** The context's render quantum (Web Audio 1.1's `renderSizeHint`); absent where it is always 128. */
  renderQuantumSize?: number;
  currentTime: number;
  registerProcessor(name: string, ctor: unknown): void;
  webAudioModules: {
    getModuleScope(moduleId: string): {
      WamProcessor: typeof WamProcessorBase;
      WamParameterInfo: new (id: string, config: unknown) => unknown;
      latheProcessorRegistered?: boolean;
    };
  };
}

/** The render quantum of every context that cannot choose another. */
const DEFAULT_RENDER_QUANTUM = 128;

function timeOf(entry: QueuedEvent): number {
  return entry.event.time ?? 0;
}

/**
 * Objects kept for reuse. Not an array's push and pop: in code V8 has not optimized yet (messages
 * arrive a few dozen times a second), pop() hands an emptied array's storage back and the next
 * push allocates it again. This storage only grows.
 */
class Pool<T> {
  private readonly items: T[] = [];
  private size = 0;

  put(item: T): void {
    this.items[this.size++] = item;
  }

  take(): T | undefined {
    return this.size > 0 ? this.items[--this.size] : undefined;
  }
}

/**
 * The scheduled events, in time order (equal times in arrival order), applied from the front.
 * Replaces the SDK's queue, whose handling allocates; entries are reused and the storage only
 * grows, as in Pool.
 */
class EventQueue {
  private readonly entries: QueuedEvent[] = [];
  private size = 0;
  private readonly spare = new Pool<QueuedEvent>();

  get length(): number {
    return this.size;
  }

  /** The earliest event (only while length > 0). */
  first(): QueuedEvent {
    return this.entries[0];
  }

  add(id: number, event: WamEventLike): void {
    const entry = this.spare.take() ?? { id, event };
    entry.id = id;
    entry.event = event;
    let at = this.size++;
    // Events nearly always arrive in time order, so this rarely moves any.
    while (at > 0 && timeOf(this.entries[at - 1]) > timeOf(entry)) {
      this.entries[at] = this.entries[at - 1];
      at--;
    }
    this.entries[at] = entry;
  }

  /** Drops the earliest event; its entry is reused by the next add. */
  removeFirst(): void {
    const first = this.entries[0];
    for (let i = 1; i < this.size; i++) this.entries[i - 1] = this.entries[i];
    this.size--;
    this.spare.put(first);
  }

  /** Drops every event; returns the ids of the node's requests among them. */
  clear(): number[] {
    const ids: number[] = [];
    for (let i = 0; i < this.size; i++) {
      if (this.entries[i].id) ids.push(this.entries[i].id);
      this.spare.put(this.entries[i]);
    }
    this.size = 0;
    return ids;
  }
}

function pendingFrame(buffer: Float64Array, requested: boolean): PendingFrame {
  return { message: { lathe: 'telemetry', buffer, requested }, transfer: [buffer.buffer] };
}

function hasTelemetry(kernel: object): kernel is TelemetrySource {
  return typeof (kernel as Partial<TelemetrySource>).writeTelemetry === 'function';
}

export function registerKernelProcessor<T extends ParamTable, K extends Kernel<T>>(
  definition: ProcessorDefinition<T, K>,
): void {
  const scope = globalThis as unknown as WorkletScope;
  const moduleScope = scope.webAudioModules.getModuleScope(definition.moduleId);
  // Another copy of this plugin's code may already have registered the processor in this context.
  if (moduleScope.latheProcessorRegistered) return;
  const { WamProcessor, WamParameterInfo } = moduleScope;
  const { params, createKernel, maxChannels } = definition;
  const ids = paramIds(params);
  // By the ids that events carry (a Map: no inherited keys, and looking up allocates nothing).
  const slots = new Map<string, Slot>(
    ids.map((id, index) => [id, { index, ...paramRange(params[id]), integer: params[id].type !== 'float' }]),
  );

  class KernelProcessor extends WamProcessor {
    private readonly kernel: K;
    /** Current plain values, by slot index. */
    private readonly values: Float64Array;
    // Each buffer arrives with its reply message and transfer list prebuilt, so sending a frame
    // from the render path allocates nothing.
    private readonly telemetryPool = new Pool<PendingFrame>();
    // Frames sent to the main thread: each is reused for the next buffer that comes back.
    private readonly sentFrames = new Pool<PendingFrame>();
    private readonly telemetryInterval = Math.round(scope.sampleRate / TELEMETRY_RATE_HZ);
    private samplesSinceTelemetry = 0;
    // Preallocated channel lists of every length, so re-pointing them never allocates.
    private readonly inputView: Float32Array[][];
    private readonly outputView: Float32Array[][];
    private readonly sidechainView: Float32Array[][];
    private readonly silence: Float32Array[];
    /** Samples per `process` call in this context. */
    private readonly quantum = scope.renderQuantumSize ?? DEFAULT_RENDER_QUANTUM;
    private readonly events = new EventQueue();
    // Replies reporting an event applied: reused, since postMessage copies a message at once.
    private readonly eventApplied = { id: 0, response: 'add/event' };
    private readonly eventEcho: { event: WamEventLike | undefined } = { event: undefined };

    constructor(options: { processorOptions: KernelProcessorOptions }) {
      super(options);
      const initial: Record<string, number> = {};
      for (const id of ids) initial[id] = clampValue(params[id], options.processorOptions.initialValues[id]);
      this.values = Float64Array.from(ids, (id) => initial[id]);
      this.kernel = createKernel({ sampleRate: scope.sampleRate, maxChannels, params: initial as never });
      this.inputView = Array.from({ length: maxChannels + 1 }, (_, n) => new Array<Float32Array>(n));
      this.outputView = Array.from({ length: maxChannels + 1 }, (_, n) => new Array<Float32Array>(n));
      this.sidechainView = Array.from({ length: maxChannels + 1 }, (_, n) => new Array<Float32Array>(n));
      this.silence = Array.from({ length: maxChannels }, () => new Float32Array(this.quantum));
    }

    _generateWamParameterInfo(): Record<string, unknown> {
      const info: Record<string, unknown> = {};
      for (const id of ids) info[id] = new WamParameterInfo(id, toWamParameterConfig(params[id]));
      return info;
    }

    override _initialize(): void {
      super._initialize();
      for (const [id, { index }] of slots) this._parameterState[id].value = this.values[index];
    }

    getCompensationDelay(): number {
      // Seconds, as the API documents for the processor; the node reports samples.
      return this.kernel.latencySamples / scope.sampleRate;
    }

    /** Applies one value; returns whether it changed. Clamps by clampValue's rule, inlined: it allocates. */
    private applyValue(id: string, value: number, normalized: boolean): boolean {
      const slot = slots.get(id);
      const parameter = this._parameterState[id];
      if (slot === undefined || parameter === undefined || typeof value !== 'number') return false;
      const plain = normalized ? parameter.info.denormalize(value) : value;
      if (!Number.isFinite(plain)) return false;
      const bounded = Math.min(slot.max, Math.max(slot.min, plain));
      const next = slot.integer ? Math.round(bounded) : bounded;
      parameter.value = next;
      if (next === this.values[slot.index]) return false;
      this.values[slot.index] = next;
      this.kernel.setParameter(id as ParamId<T>, next);
      return true;
    }

    _getState(): ProcessorState {
      const values: Record<string, number> = {};
      for (const [id, { index }] of slots) values[id] = this.values[index];
      return { values };
    }

    override _onMessage(message: MessageEvent): void {
      const data: unknown = message.data;
      if (isLatheMessage(data)) {
        this.onLatheMessage(data as MainToProcessorMessage);
        return;
      }
      const request = data as SdkRequest;
      switch (request.request) {
        case 'add/event': {
          // Answered once applied (applyEvent), as the SDK does.
          const event = request.content?.event;
          if (event) this.events.add(request.id, event);
          break;
        }
        case 'remove/events':
          // WamNode.clearEvents: the node settles the promises of the requests it is told of.
          this.port.postMessage({ id: request.id, response: request.request, content: this.events.clear() });
          break;
        case 'set/parameterValues':
        case 'set/state':
          this.setValuesAndNotify(request);
          break;
        default:
          super._onMessage(message);
      }
    }

    /** Events from the audio thread: other WAMs of the group, and the SAB path below. */
    override scheduleEvents(...events: WamEventLike[]): void {
      for (const event of events) this.events.add(0, event);
    }

    override clearEvents(): void {
      this.events.clear();
    }

    // setParameterValues and setState: apply, emit `wam-automation` for each parameter that
    // changed (so every GUI, ours or a host's, follows), then answer. Events go first so they
    // have been delivered by the time the caller's promise resolves.
    private setValuesAndNotify(request: SdkRequest): void {
      const updates =
        request.request === 'set/state'
          ? ((request.content?.state as { parameterValues?: Record<string, unknown> } | undefined)
              ?.parameterValues ?? {})
          : (request.content?.parameterValues ?? {});
      for (const [id, update] of Object.entries(updates)) {
        const { value, normalized } = (update ?? {}) as { value?: unknown; normalized?: unknown };
        if (this.applyValue(id, value as number, normalized === true)) {
          const event = {
            type: 'wam-automation',
            time: scope.currentTime,
            data: { id, value: this._parameterState[id].value, normalized: false },
          };
          this.port.postMessage({ event });
        }
      }
      this.port.postMessage({ id: request.id, response: request.request });
    }

    private onLatheMessage(message: MainToProcessorMessage): void {
      switch (message.lathe) {
        case 'telemetry-buffer':
          this.telemetryPool.put(this.frameFor(message.buffer));
          break;
        case 'telemetry-request':
          this.sendTelemetry(pendingFrame(message.buffer, true));
          break;
        case 'telemetry-watch':
          if (hasTelemetry(this.kernel)) this.kernel.setWatched?.(message.watching);
          break;
        case 'reset':
          this.kernel.reset();
          break;
      }
    }

    /** A pooled frame for a buffer the main thread handed back, reusing a sent frame's message. */
    private frameFor(buffer: Float64Array): PendingFrame {
      const frame = this.sentFrames.take();
      if (frame === undefined) return pendingFrame(buffer, false);
      frame.message.buffer = buffer;
      frame.transfer[0] = buffer.buffer;
      return frame;
    }

    private sendTelemetry(frame: PendingFrame): void {
      if (hasTelemetry(this.kernel)) this.kernel.writeTelemetry(frame.message.buffer);
      this.port.postMessage(frame.message, frame.transfer);
      if (!frame.message.requested) this.sentFrames.put(frame);
    }

    process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
      if (this._destroyed) return false;
      if (!this._initialized) return true;
      if (this._eventSabReady) {
        const incoming = this._eventReader.read();
        for (let i = 0; i < incoming.length; i++) this.events.add(0, incoming[i]);
      }
      const output = outputs[0];
      const channels = Math.min(output.length, maxChannels);
      // A context may render more than 128 samples per call (`renderSizeHint`): take what came.
      const length = channels > 0 ? output[0].length : this.quantum;
      const outs = this.outputView[channels];
      const ins = this.inputView[channels];
      const input = inputs[0];
      for (let c = 0; c < channels; c++) {
        outs[c] = output[c];
        // A mono input feeding a wider output is played on every channel, as speakers would.
        ins[c] = c < input.length ? input[c] : input.length === 1 ? input[0] : this.silence[c];
      }
      // Channels beyond what the kernel handles pass through untouched.
      for (let c = channels; c < output.length; c++) {
        if (c < input.length) output[c].set(input[c]);
        else output[c].fill(0);
      }
      if (channels > 0) this.renderQuantum(ins, outs, this.sidechainOf(inputs[1]), length);
      this.tickTelemetry(length);
      return true;
    }

    /** The second input's channels, or undefined when the plugin has none or nothing is connected. */
    private sidechainOf(input: Float32Array[] | undefined): Float32Array[] | undefined {
      if (input === undefined || input.length === 0) return undefined;
      const count = Math.min(input.length, maxChannels);
      const view = this.sidechainView[count];
      for (let c = 0; c < count; c++) view[c] = input[c];
      return view;
    }

    // Splits the quantum at each due event so automation lands on its exact sample.
    private renderQuantum(
      ins: Float32Array[],
      outs: Float32Array[],
      sidechain: Float32Array[] | undefined,
      length: number,
    ): void {
      const queue = this.events;
      let start = 0;
      while (start < length) {
        let end = length;
        while (queue.length > 0) {
          const { id, event } = queue.first();
          const due = this.sampleIndexOf(event);
          if (due > start) {
            end = Math.min(due, length);
            break;
          }
          queue.removeFirst();
          this.applyEvent(id, event);
        }
        this.kernel.process(ins, outs, start, end, sidechain);
        start = end;
      }
    }

    private sampleIndexOf(event: WamEventLike): number {
      const offset = (event.time ?? 0) - scope.currentTime;
      return offset > 0 ? Math.round(offset * scope.sampleRate) : 0;
    }

    private applyEvent(id: number, event: WamEventLike): void {
      if (event.type === 'wam-automation') {
        const data = event.data as { id: string; value: number; normalized?: boolean };
        this.applyValue(data.id, data.value, data.normalized === true);
      }
      // Tell the main thread, as the SDK does, so the node re-dispatches the event to listeners.
      if (id) {
        this.eventApplied.id = id;
        this.port.postMessage(this.eventApplied);
      } else if (this._eventSabReady) {
        this._eventWriter.write(event);
      } else {
        this.eventEcho.event = event;
        this.port.postMessage(this.eventEcho);
        this.eventEcho.event = undefined;
      }
    }

    private tickTelemetry(length: number): void {
      this.samplesSinceTelemetry += length;
      if (this.samplesSinceTelemetry < this.telemetryInterval) return;
      const frame = this.telemetryPool.take();
      if (frame === undefined) return; // the UI still holds every buffer: skip this frame
      this.samplesSinceTelemetry = 0;
      this.sendTelemetry(frame);
    }
  }

  scope.registerProcessor(definition.moduleId, KernelProcessor);
  moduleScope.latheProcessorRegistered = true;
}
