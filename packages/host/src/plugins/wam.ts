// The WAM 2.0 API as the host uses it. A foreign module is only trusted to be this shape after
// `isWamConstructor` / `wamInstanceProblem` have checked it at run time, so these types describe
// what the loader verified, not what a plugin promised.

/** The main-thread node of a WAM instance (an AudioWorkletNode subclass). */
export interface WamNode extends AudioNode {
  getParameterInfo(...parameterIds: string[]): Promise<unknown>;
  getParameterValues(normalized?: boolean, ...parameterIds: string[]): Promise<unknown>;
  setParameterValues(
    values: Record<string, { id: string; value: number; normalized: boolean }>,
  ): Promise<void>;
  getState(): Promise<unknown>;
  setState(state: unknown): Promise<void>;
  /** In samples (the API types say so for the node; processors use seconds). */
  getCompensationDelay(): Promise<number>;
  scheduleEvents(...events: unknown[]): void;
  clearEvents(): void;
  destroy(): void;
}

/** A created WAM instance. */
export interface WebAudioModule {
  readonly audioNode: WamNode;
  /** Plain descriptor data; validate before use (see `parseDescriptor`). */
  readonly descriptor?: unknown;
  readonly groupId?: unknown;
  readonly moduleId?: unknown;
  readonly instanceId?: unknown;
  createGui(): Promise<Element | undefined>;
  destroyGui(gui: Element): void;
}

/** The default export of a plugin's index.js. */
export interface WebAudioModuleConstructor {
  readonly isWebAudioModuleConstructor: true;
  createInstance(groupId: string, audioContext: BaseAudioContext, initialState?: unknown): Promise<unknown>;
}

export function isWamConstructor(value: unknown): value is WebAudioModuleConstructor {
  if (typeof value !== 'function') return false;
  const candidate = value as unknown as Record<string, unknown>;
  return candidate.isWebAudioModuleConstructor === true && typeof candidate.createInstance === 'function';
}

const NODE_METHODS = [
  'getParameterInfo',
  'getParameterValues',
  'setParameterValues',
  'getState',
  'setState',
  'getCompensationDelay',
  'scheduleEvents',
  'clearEvents',
  'destroy',
] as const;

/** Why `value` is not a usable WAM instance in `context`, or null when it is one. */
export function wamInstanceProblem(value: unknown, context: BaseAudioContext): string | null {
  if (typeof value !== 'object' || value === null) return `createInstance() resolved to ${String(value)}`;
  const wam = value as Record<string, unknown>;
  for (const method of ['createGui', 'destroyGui']) {
    if (typeof wam[method] !== 'function') return `the instance has no ${method}()`;
  }
  const node = wam.audioNode;
  if (!(node instanceof AudioNode)) return 'the instance has no audioNode (an AudioNode)';
  const record = node as unknown as Record<string, unknown>;
  const missing = NODE_METHODS.filter((method) => typeof record[method] !== 'function');
  if (missing.length > 0) return `its audioNode lacks the WamNode methods ${missing.join(', ')}`;
  if (node.context !== context) return 'its audioNode belongs to another audio context';
  return null;
}
