// Messages the kit's node and processor exchange over the WAM port, next to the SDK's own
// request/response traffic (which always carries a `request` or `response` field, never `lathe`).

/** Main → processor: a telemetry buffer the processor may fill and hand back (transferred). */
export interface TelemetryBufferMessage {
  lathe: 'telemetry-buffer';
  buffer: Float64Array;
}
/** Main → processor: fill a buffer now, regardless of the telemetry rate (e.g. after an offline render). */
export interface TelemetryRequestMessage {
  lathe: 'telemetry-request';
  buffer: Float64Array;
}
/** Processor → main: a filled telemetry frame (transferred back). */
export interface TelemetryFrameMessage {
  lathe: 'telemetry';
  buffer: Float64Array;
  requested: boolean;
}
/** Main → processor: someone started or stopped reading telemetry (display-only work follows it). */
export interface TelemetryWatchMessage {
  lathe: 'telemetry-watch';
  watching: boolean;
}
/** Main → processor: clear the kernel's state (filters, measurements). */
export interface ResetMessage {
  lathe: 'reset';
}

export type MainToProcessorMessage =
  | TelemetryBufferMessage
  | TelemetryRequestMessage
  | TelemetryWatchMessage
  | ResetMessage;

/** What the node passes to the processor at construction (structured-cloned). */
export interface KernelProcessorOptions {
  initialValues: Record<string, number>;
}

/** Processor's answer to the SDK's `get/state` request. */
export interface ProcessorState {
  values: Record<string, number>;
}

export function isLatheMessage(data: unknown): data is { lathe: string } {
  return typeof data === 'object' && data !== null && 'lathe' in data;
}

/** Telemetry frames per second sent to the UI: smooth meters without flooding the port. */
export const TELEMETRY_RATE_HZ = 30;
/** Buffers in flight between the threads: one being filled, one being read, one spare. */
export const TELEMETRY_POOL_SIZE = 3;
