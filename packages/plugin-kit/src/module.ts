// Builds a plugin's WebAudioModule class — the default export of its `dist/index.js` that any
// WAM 2.0 host loads by URL. Everything it loads (processor, GUI chunk) is resolved relative to
// the module's own URL, so the folder works from any origin.
import type { WamDescriptor } from '@webaudiomodules/api';
import { WamNode, WebAudioModule } from '@webaudiomodules/sdk';
import { LatheNode } from './node.ts';
import { defaultValues, type ParamTable } from './params.ts';
import { decodeState } from './state.ts';

export interface GuiModule {
  /** Builds the GUI element for a module instance; the element owns its cleanup via destroyGui. */
  createGui(plugin: LathePlugin<ParamTable>): HTMLElement;
}

export interface PluginDefinition<T extends ParamTable> {
  readonly descriptor: WamDescriptor;
  readonly params: T;
  /** URL of the bundled processor module, e.g. `new URL('processor.js', import.meta.url)`. */
  readonly processorUrl: () => URL;
  readonly loadGui: () => Promise<GuiModule>;
  readonly telemetrySize: number;
  /** 2 for a plugin with a sidechain input; its output then has `outputChannels` channels. */
  readonly numberOfInputs?: number;
  readonly outputChannels?: number;
}

/** What every Lathe plugin instance offers beyond the WAM API. */
export interface LathePlugin<T extends ParamTable> extends WebAudioModule<LatheNode<T>> {
  readonly audioNode: LatheNode<T>;
  readonly params: T;
}

// Worklet modules are added once per context; instances (and other plugins) share them.
const workletReady = new WeakMap<BaseAudioContext, Map<string, Promise<void>>>();

function loadWorklet(context: BaseAudioContext, moduleId: string, processorUrl: URL): Promise<void> {
  let loaded = workletReady.get(context);
  if (!loaded) {
    loaded = new Map();
    workletReady.set(context, loaded);
  }
  let ready = loaded.get(moduleId);
  if (!ready) {
    ready = (async () => {
      await WamNode.addModules(context, moduleId);
      await context.audioWorklet.addModule(processorUrl.href);
    })();
    // A failed load must not poison later attempts (e.g. after the user fixes the network).
    ready.catch(() => loaded.delete(moduleId));
    loaded.set(moduleId, ready);
  }
  return ready;
}

// The SDK derives instance ids from performance.now(), which is coarsened under cross-origin
// isolation, so two instances created together can collide. getRandomValues works everywhere,
// unlike crypto.randomUUID (secure contexts only).
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function definePlugin<T extends ParamTable>(definition: PluginDefinition<T>) {
  const { descriptor, params } = definition;

  class Plugin extends WebAudioModule<LatheNode<T>> {
    static readonly descriptor = descriptor;
    readonly params = params;
    private readonly uniqueId = `${descriptor.identifier}-${randomId()}`;

    constructor(groupId: string, audioContext: BaseAudioContext) {
      super(groupId, audioContext);
      this._descriptor = { ...descriptor };
    }

    override get instanceId(): string {
      return this.uniqueId;
    }

    /** Honours the initial state (the SDK's initialize drops it). */
    override async initialize(state?: unknown): Promise<this> {
      if (!this.audioNode) this.audioNode = await this.createAudioNode(state);
      this.initialized = true;
      return this;
    }

    override async createAudioNode(initialState?: unknown): Promise<LatheNode<T>> {
      // Validate before loading anything, so a bad state fails fast with a clear error.
      const initialValues =
        initialState === undefined || initialState === null
          ? defaultValues(params)
          : decodeState(params, initialState).values;
      await loadWorklet(this.audioContext, descriptor.identifier, definition.processorUrl());
      const node = new LatheNode<T>(this, {
        params,
        initialValues,
        telemetrySize: definition.telemetrySize,
        numberOfInputs: definition.numberOfInputs ?? 1,
        numberOfOutputs: 1,
        outputChannels: definition.outputChannels ?? 2,
      });
      await node._initialize();
      return node;
    }

    override async createGui(): Promise<HTMLElement> {
      const gui = await definition.loadGui();
      return gui.createGui(this as unknown as LathePlugin<ParamTable>);
    }

    /** Unmounts a GUI made by createGui (the element listens for this and cleans up). */
    override destroyGui(gui?: Element): void {
      gui?.dispatchEvent(new CustomEvent('lathe-destroy'));
    }
  }

  return Plugin;
}

export type { WamDescriptor };
export { LatheNode };
