// Runs a kernel inside the AudioWorklet as a WAM 2.0 processor. Bundled into each plugin's
// `processor.js` and loaded with `audioWorklet.addModule`, after the SDK's own worklet modules.
//
// It extends the SDK's WamProcessor (so the SDK's messaging, event routing and WamEnv
// registration work as every host expects) but replaces its per-quantum `process`, which
// allocates on every call, with an allocation-free one that splits the quantum at the sample
// times of scheduled events. Parameter smoothing is the kernel's job, so the SDK's per-sample
// parameter interpolators are not used.
import type { Kernel, KernelFactory } from '../kernel.ts';
import { clampValue, type ParamId, type ParamTable, paramIds, toWamParameterConfig } from '../params.ts';
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
interface PendingFrame {
  message: TelemetryFrameMessage;
  transfer: Transferable[];
}
interface QueuedEvent {
  id: number;
  event: WamEventLike;
}
interface SdkRequest {
  id: number;
  request: string;
  content?: { parameterValues?: Record<string, unknown>; state?: unknown };
}
declare class WamProcessorBase {
  constructor(options: { processorOptions: unknown });
  readonly port: MessagePort;
  _initialized: boolean;
  _destroyed: boolean;
  _eventQueue: QueuedEvent[];
  _eventQueueRequiresSort: boolean;
  _eventSabReady: boolean;
  _eventReader: { read(): WamEventLike[] };
  _eventWriter: { write(...events: WamEventLike[]): number };
  _parameterInfo: Record<string, unknown>;
  _parameterState: Record<string, WamParameterLike>;
  _initialize(): void;
  _onMessage(message: MessageEvent): Promise<void>;
  scheduleEvents(...events: WamEventLike[]): void;
  destroy(): void;
}
interface WorkletScope {
  sampleRate: number;
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

const QUANTUM = 128;

function byEventTime(a: QueuedEvent, b: QueuedEvent): number {
  return (a.event.time ?? 0) - (b.event.time ?? 0);
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

  class KernelProcessor extends WamProcessor {
    private readonly kernel: K;
    private readonly values: Record<string, number>;
    // Each buffer arrives with its reply message and transfer list prebuilt, so sending a frame
    // from the render path allocates nothing.
    private readonly telemetryPool: PendingFrame[] = [];
    private readonly telemetryInterval = Math.round(scope.sampleRate / TELEMETRY_RATE_HZ);
    private samplesSinceTelemetry = 0;
    // Preallocated channel lists of every length, so re-pointing them never allocates.
    private readonly inputView: Float32Array[][];
    private readonly outputView: Float32Array[][];
    private readonly sidechainView: Float32Array[][];
    private readonly silence: Float32Array[];

    constructor(options: { processorOptions: KernelProcessorOptions }) {
      super(options);
      const values: Record<string, number> = {};
      for (const id of ids) values[id] = clampValue(params[id], options.processorOptions.initialValues[id]);
      this.values = values;
      this.kernel = createKernel({ sampleRate: scope.sampleRate, maxChannels, params: values as never });
      this.inputView = Array.from({ length: maxChannels + 1 }, (_, n) => new Array<Float32Array>(n));
      this.outputView = Array.from({ length: maxChannels + 1 }, (_, n) => new Array<Float32Array>(n));
      this.sidechainView = Array.from({ length: maxChannels + 1 }, (_, n) => new Array<Float32Array>(n));
      this.silence = Array.from({ length: maxChannels }, () => new Float32Array(QUANTUM));
    }

    _generateWamParameterInfo(): Record<string, unknown> {
      const info: Record<string, unknown> = {};
      for (const id of ids) info[id] = new WamParameterInfo(id, toWamParameterConfig(params[id]));
      return info;
    }

    override _initialize(): void {
      super._initialize();
      for (const id of ids) this._parameterState[id].value = this.values[id];
    }

    getCompensationDelay(): number {
      // Seconds, as the API documents for the processor; the node reports samples.
      return this.kernel.latencySamples / scope.sampleRate;
    }

    /** Applies one value; returns whether it changed. */
    private applyValue(id: string, value: number, normalized: boolean): boolean {
      const parameter = this._parameterState[id];
      if (!parameter || typeof value !== 'number') return false;
      const plain = normalized ? parameter.info.denormalize(value) : value;
      if (!Number.isFinite(plain)) return false;
      const next = clampValue(params[id], plain);
      parameter.value = next;
      if (next === this.values[id]) return false;
      this.values[id] = next;
      this.kernel.setParameter(id as ParamId<T>, next);
      return true;
    }

    _getState(): ProcessorState {
      return { values: { ...this.values } };
    }

    override async _onMessage(message: MessageEvent): Promise<void> {
      const data: unknown = message.data;
      if (isLatheMessage(data)) return this.onLatheMessage(data as MainToProcessorMessage);
      const request = data as SdkRequest;
      if (request.request === 'set/parameterValues' || request.request === 'set/state') {
        return this.setValuesAndNotify(request);
      }
      return super._onMessage(message);
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
            data: { id, value: this.values[id], normalized: false },
          };
          this.port.postMessage({ event });
        }
      }
      this.port.postMessage({ id: request.id, response: request.request });
    }

    private onLatheMessage(message: MainToProcessorMessage): void {
      switch (message.lathe) {
        case 'telemetry-buffer':
          this.telemetryPool.push(pendingFrame(message.buffer, false));
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

    private sendTelemetry(frame: PendingFrame): void {
      if (hasTelemetry(this.kernel)) this.kernel.writeTelemetry(frame.message.buffer);
      this.port.postMessage(frame.message, frame.transfer);
    }

    process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
      if (this._destroyed) return false;
      if (!this._initialized) return true;
      if (this._eventSabReady) {
        const incoming = this._eventReader.read();
        if (incoming.length > 0) this.scheduleEvents(...incoming);
      }
      const output = outputs[0];
      const channels = Math.min(output.length, maxChannels);
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
      if (channels > 0) this.renderQuantum(ins, outs, this.sidechainOf(inputs[1]));
      this.tickTelemetry();
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
    ): void {
      const queue = this._eventQueue;
      if (this._eventQueueRequiresSort) {
        queue.sort(byEventTime);
        this._eventQueueRequiresSort = false;
      }
      let start = 0;
      while (start < QUANTUM) {
        let end = QUANTUM;
        while (queue.length > 0) {
          const due = this.sampleIndexOf(queue[0].event);
          if (due > start) {
            end = Math.min(due, QUANTUM);
            break;
          }
          this.applyEvent(queue.shift()!);
        }
        this.kernel.process(ins, outs, start, end, sidechain);
        start = end;
      }
    }

    private sampleIndexOf(event: WamEventLike): number {
      const offset = (event.time ?? 0) - scope.currentTime;
      return offset > 0 ? Math.round(offset * scope.sampleRate) : 0;
    }

    private applyEvent({ id, event }: QueuedEvent): void {
      if (event.type === 'wam-automation') {
        const data = event.data as { id: string; value: number; normalized?: boolean };
        this.applyValue(data.id, data.value, data.normalized === true);
      }
      // Tell the main thread, as the SDK does, so the node re-dispatches the event to listeners.
      if (id) this.port.postMessage({ id, response: 'add/event' });
      else if (this._eventSabReady) this._eventWriter.write(event);
      else this.port.postMessage({ event });
    }

    private tickTelemetry(): void {
      this.samplesSinceTelemetry += QUANTUM;
      if (this.samplesSinceTelemetry < this.telemetryInterval) return;
      const frame = this.telemetryPool.pop();
      if (frame === undefined) return; // the UI still holds every buffer: skip this frame
      this.samplesSinceTelemetry = 0;
      this.sendTelemetry(frame);
    }
  }

  scope.registerProcessor(definition.moduleId, KernelProcessor);
  moduleScope.latheProcessorRegistered = true;
}
