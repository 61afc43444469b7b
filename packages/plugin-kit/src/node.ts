// The main-thread side of a Lathe plugin: a WamNode that speaks the SDK's protocol, plus the
// parts the SDK leaves out — a versioned, validated state; latency in samples; telemetry for
// meters; parameter info answered from the parameter table with no round trip.
import type { WamParameterDataMap, WamParameterInfoMap } from '@webaudiomodules/api';
import { WamNode } from '@webaudiomodules/sdk';
import { type ParamTable, type ParamValues, paramIds, toWamParameterConfig } from './params.ts';
import {
  isLatheMessage,
  type KernelProcessorOptions,
  type MainToProcessorMessage,
  type ProcessorState,
  TELEMETRY_POOL_SIZE,
  type TelemetryFrameMessage,
} from './protocol.ts';
import { decodeState, encodeState, type PluginState } from './state.ts';

export type TelemetryListener = (frame: Float64Array) => void;

export interface LatheNodeOptions<T extends ParamTable> {
  readonly params: T;
  readonly initialValues: ParamValues<T>;
  readonly telemetrySize: number;
  readonly numberOfInputs: number;
  readonly numberOfOutputs: number;
  /** Output channels, for plugins with more than one input (see the constructor). */
  readonly outputChannels: number;
}

type WamModuleLike = ConstructorParameters<typeof WamNode>[0];

export class LatheNode<T extends ParamTable = ParamTable> extends WamNode {
  readonly params: T;
  private readonly telemetrySize: number;
  private readonly telemetryListeners = new Set<TelemetryListener>();
  private telemetryStarted = false;
  private pendingRequests: ((frame: Float64Array) => void)[] = [];
  private destroyed = false;

  constructor(module: WamModuleLike, options: LatheNodeOptions<T>) {
    const processorOptions: KernelProcessorOptions = { initialValues: { ...options.initialValues } };
    super(module, {
      numberOfInputs: options.numberOfInputs,
      numberOfOutputs: options.numberOfOutputs,
      // With one input the output follows its channel count (mono, stereo, 5.1). Web Audio only
      // does that for one input and one output: with a sidechain input the count must be fixed.
      ...(options.numberOfInputs === 1 ? {} : { outputChannelCount: [options.outputChannels] }),
      processorOptions,
    });
    this.params = options.params;
    this.telemetrySize = options.telemetrySize;
  }

  /** Complete parameter info from the table, answered locally (plain data, like the SDK's). */
  override async getParameterInfo(...parameterIds: string[]): Promise<WamParameterInfoMap> {
    const ids = parameterIds.length > 0 ? parameterIds : paramIds(this.params);
    const info: Record<string, unknown> = {};
    for (const id of ids) {
      if (Object.hasOwn(this.params, id)) info[id] = { id, ...toWamParameterConfig(this.params[id]) };
    }
    return info as WamParameterInfoMap;
  }

  /** The current plain values of every parameter, by id. */
  async getValues(): Promise<ParamValues<T>> {
    const state = (await super.getState()) as ProcessorState;
    return state.values as ParamValues<T>;
  }

  override async getState(): Promise<PluginState> {
    return encodeState(this.params, await this.getValues());
  }

  /**
   * Restores a state from getState() (or an older version of it). Unknown parameters are ignored
   * and values clamped; a value that is not a state at all throws a PluginStateError and changes
   * nothing. Every parameter that changes emits a `wam-automation` event.
   */
  override async setState(state: unknown): Promise<void> {
    const { values, warnings } = decodeState(this.params, state, await this.getValues());
    for (const warning of warnings) console.warn(`[${this.moduleId}] ${warning}`);
    await super.setState({ parameterValues: toDataMap(values) });
  }

  /** Latency in samples (the unit hosts compensate in; the SDK's processor speaks seconds). */
  override async getCompensationDelay(): Promise<number> {
    const seconds = await super.getCompensationDelay();
    return Math.round(seconds * this.context.sampleRate);
  }

  /** Clears the kernel's state: filter memories, and for meters the whole measurement. */
  reset(): void {
    this.post({ lathe: 'reset' });
  }

  /** Telemetry frames (~30 per second while audio runs). Returns the unsubscribe function. */
  subscribeTelemetry(listener: TelemetryListener): () => void {
    if (this.telemetryListeners.size === 0) this.post({ lathe: 'telemetry-watch', watching: true });
    this.telemetryListeners.add(listener);
    if (!this.telemetryStarted) {
      this.telemetryStarted = true;
      for (let i = 0; i < TELEMETRY_POOL_SIZE; i++) this.returnBuffer(new Float64Array(this.telemetrySize));
    }
    return () => {
      if (this.telemetryListeners.delete(listener) && this.telemetryListeners.size === 0) {
        this.post({ lathe: 'telemetry-watch', watching: false });
      }
    };
  }

  /** One telemetry frame now, e.g. the final readings after an offline render. */
  requestTelemetry(): Promise<Float64Array> {
    return new Promise((resolve) => {
      this.pendingRequests.push(resolve);
      const buffer = new Float64Array(this.telemetrySize);
      this.post({ lathe: 'telemetry-request', buffer }, [buffer.buffer]);
    });
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.telemetryListeners.clear();
    this.pendingRequests = [];
    super.destroy();
  }

  override _onMessage(message: MessageEvent): void {
    const data: unknown = message.data;
    if (isLatheMessage(data)) {
      this.onFrame(data as TelemetryFrameMessage);
      return;
    }
    super._onMessage(message);
  }

  private onFrame({ buffer, requested }: TelemetryFrameMessage): void {
    if (requested) {
      this.pendingRequests.shift()?.(buffer);
      return;
    }
    for (const listener of this.telemetryListeners) listener(buffer);
    this.returnBuffer(buffer);
  }

  private returnBuffer(buffer: Float64Array): void {
    if (!this.destroyed) this.post({ lathe: 'telemetry-buffer', buffer }, [buffer.buffer]);
  }

  private post(message: MainToProcessorMessage, transfer: Transferable[] = []): void {
    if (!this.destroyed) this.port.postMessage(message, transfer);
  }
}

function toDataMap(values: Record<string, number>): WamParameterDataMap {
  const map: WamParameterDataMap = {};
  for (const [id, value] of Object.entries(values)) map[id] = { id, value, normalized: false };
  return map;
}
