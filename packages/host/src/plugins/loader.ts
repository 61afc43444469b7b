// Loads any WAM 2.0 plugin by URL into a BaseAudioContext, with a trust step before foreign code
// runs and every failure contained in a placeholder that keeps the slot's URL and state.
//
// Order of a load, so that nothing from an unapproved origin ever executes:
//   1. resolve: a Lathe identifier maps to the trusted local copy, whatever URL the request carries;
//   2. approve: a foreign origin needs a remembered or fresh `approve(url, descriptor)` decision,
//      the descriptor being plain data fetched from descriptor.json;
//   3. verify: with `integrity`, index.js is fetched and hashed before it is imported;
//   4. import, createInstance(groupId, context, state), then setState(state) (the SDK's initialize
//      drops the initial state), each bounded by `timeoutMs`.
import { fetchDescriptor, type PluginDescriptor, parseDescriptor } from './descriptor.ts';
import { describeThrown, PluginLoadError } from './errors.ts';
import { integrityOf, integrityProblem } from './integrity.ts';
import { type ParameterInfoResult, readParameterInfo } from './parameter-info.ts';
import { withTimeout } from './timeout.ts';
import {
  isWamConstructor,
  type WamNode,
  type WebAudioModule,
  type WebAudioModuleConstructor,
  wamInstanceProblem,
} from './wam.ts';
import { wamGroupId } from './wam-host.ts';

/** One plugin slot as a session or preset describes it. */
export interface PluginRequest {
  /** URL of the plugin's index.js (absolute, or relative to the page). */
  url: string;
  /** The plugin's identifier when known (from a preset); a Lathe identifier selects the local copy. */
  identifier?: string;
  /** The version the state was saved with; a different loaded version is reported in `warnings`. */
  version?: string;
  /** Plugin state to restore (opaque to the host). */
  state?: unknown;
  /** SHA-256 pin of index.js: 'sha256-<base64>'. */
  integrity?: string;
}

export interface PluginLoaderOptions {
  /** Origins whose code runs without approval. Default: the page's own origin, where Lathe's plugins live. */
  trustedOrigins?: string[];
  /** Identifier → URL of the trusted local copy of each Lathe plugin. */
  lathePlugins?: Record<string, string>;
  /**
   * Asked once per foreign origin, before any of its code runs, with the plugin's validated
   * descriptor.json (null when missing or malformed). Only `true` approves, and is remembered.
   * Absent: foreign code never loads.
   */
  approve?: (url: string, descriptor: PluginDescriptor | null) => boolean | Promise<boolean>;
  /** Origins approved earlier (restored from the application's storage). */
  approvedOrigins?: string[];
  /** Limit for each of: fetching index.js, importing it, createInstance, setState. Default 10 000 ms. */
  timeoutMs?: number;
}

/** A plugin that loaded: its instance, ready to connect. */
export interface LoadedPlugin {
  readonly kind: 'loaded';
  /** The URL actually loaded (the local copy when the request named a Lathe identifier). */
  readonly url: string;
  readonly identifier: string;
  readonly version: string | undefined;
  /** The instance's own descriptor, validated (null if malformed). */
  readonly descriptor: PluginDescriptor | null;
  /** The request's pin, verified (undefined when none was given or the local copy replaced the URL). */
  readonly integrity: string | undefined;
  readonly wam: WebAudioModule;
  /** The WamNode: connect it like any AudioNode. */
  readonly node: WamNode;
  /** Things the application should tell the user (version mismatch, substituted URL, ...). */
  readonly warnings: readonly string[];
  /** The plugin's state, for saving (rejects with a 'timeout' PluginLoadError if the plugin hangs). */
  getState(): Promise<unknown>;
  /** Latency in samples; a plugin reporting nonsense (negative, NaN) counts as 0. */
  latencySamples(): Promise<number>;
  /** Parameter info rebuilt from plain data (the node's answer has no methods). */
  parameters(): Promise<ParameterInfoResult>;
  /** Disconnects and destroys the node; calling it again does nothing. */
  destroy(): void;
}

/** A slot whose plugin did not load: everything the request held, kept for saving, and why. */
export interface PluginPlaceholder {
  readonly kind: 'placeholder';
  readonly url: string;
  readonly identifier?: string;
  readonly version?: string;
  readonly integrity?: string;
  /** Kept as given. */
  readonly state: unknown;
  readonly error: PluginLoadError;
}

interface Target {
  readonly url: string;
  readonly origin: string;
  readonly trusted: boolean;
  /** The request's URL was replaced by a Lathe plugin's local copy. */
  readonly substituted: boolean;
}

type Approve = NonNullable<PluginLoaderOptions['approve']>;
type Decision = { approved: true } | { approved: false; reason: string };

const DEFAULT_TIMEOUT_MS = 10_000;
/** The WAM SDK's identifier for plugins that never set their own. */
const SDK_DEFAULT_IDENTIFIER = 'com.webaudiomodule.default';

// An AudioWorklet keeps the first processor registered under a name: per context, which URL
// provided each identifier, to warn when another version of it is loaded there.
const modulesByContext = new WeakMap<BaseAudioContext, Map<string, string>>();

const shown = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

function originOf(value: unknown, field: string): string {
  let origin = 'null';
  try {
    origin = new URL(String(value)).origin;
  } catch {
    // reported below
  }
  if (origin === 'null') {
    throw new TypeError(
      `${field}: ${JSON.stringify(value)} is not an http(s) origin such as "https://example.com"`,
    );
  }
  return origin;
}

function httpError(url: string, status: number): PluginLoadError {
  const code = status === 404 || status === 410 ? 'not-found' : 'network';
  return new PluginLoadError(code, url, `${url} answered HTTP ${status}`);
}

/** Best effort: a half-created or abandoned instance must not stay connected or running. */
function disposeInstance(instance: unknown): void {
  try {
    const node = (instance as { audioNode?: unknown } | null)?.audioNode;
    if (!(node instanceof AudioNode)) return;
    node.disconnect();
    const destroy = (node as unknown as { destroy?: unknown }).destroy;
    if (typeof destroy === 'function') destroy.call(node);
  } catch {
    // the plugin is broken already; nothing more can be done
  }
}

/**
 * Loads WAM 2.0 plugins by URL, enforcing the trust policy. One loader serves any number of
 * contexts; approvals are shared by all of them and last as long as the loader (persist
 * `approvedOrigins()` to keep them).
 */
export class PluginLoader {
  readonly #trustedOrigins: ReadonlySet<string>;
  readonly #lathePlugins: ReadonlyMap<string, string>;
  readonly #approve: Approve | undefined;
  readonly #approved: Set<string>;
  readonly #pendingApprovals = new Map<string, Promise<Decision>>();
  readonly #timeoutMs: number;

  /** Throws a TypeError naming the option when an option is malformed. */
  constructor(options: PluginLoaderOptions = {}) {
    const pageOrigin = globalThis.location?.origin;
    const trusted = options.trustedOrigins ?? (pageOrigin && pageOrigin !== 'null' ? [pageOrigin] : []);
    this.#trustedOrigins = new Set(trusted.map((origin, i) => originOf(origin, `trustedOrigins[${i}]`)));
    this.#approved = new Set(
      (options.approvedOrigins ?? []).map((origin, i) => originOf(origin, `approvedOrigins[${i}]`)),
    );
    const lathePlugins = new Map<string, string>();
    for (const [identifier, url] of Object.entries(options.lathePlugins ?? {})) {
      try {
        lathePlugins.set(identifier, new URL(url, globalThis.location?.href).href);
      } catch {
        throw new TypeError(`lathePlugins["${identifier}"]: ${JSON.stringify(url)} is not a URL`);
      }
    }
    this.#lathePlugins = lathePlugins;
    if (options.approve !== undefined && typeof options.approve !== 'function') {
      throw new TypeError('"approve" must be a function (url, descriptor) => boolean | Promise<boolean>');
    }
    this.#approve = options.approve;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError(`"timeoutMs" must be a positive number of milliseconds, got ${String(timeoutMs)}`);
    }
    this.#timeoutMs = timeoutMs;
  }

  /** Foreign origins approved so far (including restored ones), for the application to store. */
  approvedOrigins(): string[] {
    return [...this.#approved];
  }

  /**
   * Forgets an approval: the next load from that origin asks again. Code already running stays
   * (a module cannot be unloaded); destroy its instances if that matters.
   */
  revoke(origin: string): void {
    this.#approved.delete(originOf(origin, 'revoke(origin)'));
  }

  /**
   * Loads `request` into `context`. Never rejects because of the plugin: every failure gives a
   * placeholder keeping the request's URL, identifier, version, pin and state. Rejects (TypeError)
   * only for a malformed call, or when the context cannot host WAMs at all (e.g. it is closed).
   */
  async load(context: BaseAudioContext, request: PluginRequest): Promise<LoadedPlugin | PluginPlaceholder> {
    if (!(context instanceof BaseAudioContext)) {
      throw new TypeError('load(): "context" must be an AudioContext or OfflineAudioContext');
    }
    if (typeof request !== 'object' || request === null || typeof request.url !== 'string') {
      throw new TypeError('load(): "request.url" must be a string');
    }
    for (const field of ['identifier', 'version', 'integrity'] as const) {
      if (request[field] !== undefined && typeof request[field] !== 'string') {
        throw new TypeError(`load(): "request.${field}" must be a string when given`);
      }
    }
    const groupId = await wamGroupId(context);
    try {
      return await this.#load(context, groupId, request);
    } catch (thrown) {
      // A plugin can throw from anywhere (a getter, a then()): whatever escapes is its failure.
      const error =
        thrown instanceof PluginLoadError
          ? thrown
          : new PluginLoadError(
              'create-failed',
              request.url,
              `the plugin failed: ${describeThrown(thrown)}`,
              {
                cause: thrown,
              },
            );
      return {
        kind: 'placeholder',
        url: request.url,
        identifier: request.identifier,
        version: request.version,
        integrity: request.integrity,
        state: request.state,
        error,
      };
    }
  }

  async #load(context: BaseAudioContext, groupId: string, request: PluginRequest): Promise<LoadedPlugin> {
    const target = this.#resolve(request);
    if (!target.trusted) await this.#ensureApproved(target);
    // The pin covers the file it was made for; a substituted local copy is trusted as it is.
    if (request.integrity !== undefined && !target.substituted)
      await this.#verify(target.url, request.integrity);
    const Plugin = await this.#import(target.url);
    const wam = await this.#create(Plugin, groupId, context, request.state, target.url);
    try {
      return this.#loaded(wam, context, request, target);
    } catch (error) {
      disposeInstance(wam);
      throw error;
    }
  }

  #resolve(request: PluginRequest): Target {
    let requested: URL | undefined;
    try {
      requested = new URL(request.url, globalThis.location?.href);
    } catch {
      requested = undefined;
    }
    const local = request.identifier === undefined ? undefined : this.#lathePlugins.get(request.identifier);
    if (local !== undefined) {
      return {
        url: local,
        origin: new URL(local).origin,
        trusted: true,
        substituted: requested?.href !== local,
      };
    }
    if (requested === undefined) {
      throw new PluginLoadError('not-found', request.url, `"${shown(request.url)}" is not a URL`);
    }
    if (requested.protocol !== 'http:' && requested.protocol !== 'https:') {
      throw new PluginLoadError(
        'not-approved',
        request.url,
        `only http(s) plugin URLs can be approved; "${shown(request.url)}" was not loaded`,
      );
    }
    return {
      url: requested.href,
      origin: requested.origin,
      trusted: this.#trustedOrigins.has(requested.origin) || this.#isLatheCopy(requested.href),
      substituted: false,
    };
  }

  /**
   * Whether `request` would load one of this loader's own copies of a Lathe plugin (by its
   * identifier, or by the copy's URL): code this host ships, not a plugin from elsewhere.
   */
  loadsLatheCopy(request: Pick<PluginRequest, 'url' | 'identifier'>): boolean {
    if (request.identifier !== undefined && this.#lathePlugins.has(request.identifier)) return true;
    try {
      return this.#isLatheCopy(new URL(request.url, globalThis.location?.href).href);
    } catch {
      return false;
    }
  }

  #isLatheCopy(url: string): boolean {
    for (const local of this.#lathePlugins.values()) if (local === url) return true;
    return false;
  }

  async #ensureApproved(target: Target): Promise<void> {
    if (this.#approved.has(target.origin)) return;
    const approve = this.#approve;
    if (approve === undefined) {
      throw new PluginLoadError(
        'not-approved',
        target.url,
        `${target.origin} is not trusted and this host approves no foreign plugins: its code was not loaded`,
      );
    }
    // Loads from one origin that start together share one question.
    let decision = this.#pendingApprovals.get(target.origin);
    if (decision === undefined) {
      decision = this.#ask(approve, target);
      this.#pendingApprovals.set(target.origin, decision);
      void decision.then(() => this.#pendingApprovals.delete(target.origin));
    }
    const outcome = await decision;
    if (!outcome.approved) throw new PluginLoadError('not-approved', target.url, outcome.reason);
  }

  async #ask(approve: Approve, target: Target): Promise<Decision> {
    const descriptor = await fetchDescriptor(target.url, this.#timeoutMs);
    try {
      if ((await approve(target.url, descriptor)) === true) {
        this.#approved.add(target.origin);
        return { approved: true };
      }
      return { approved: false, reason: `${target.origin} was not approved: its code was not loaded` };
    } catch (error) {
      return {
        approved: false,
        reason: `approve() threw (${describeThrown(error)}), so ${target.origin} was not approved: its code was not loaded`,
      };
    }
  }

  async #verify(url: string, integrity: string): Promise<void> {
    const problem = integrityProblem(integrity);
    if (problem !== null) throw new PluginLoadError('integrity', url, problem);
    let bytes: ArrayBuffer;
    try {
      // Default cache mode, so the import that follows is likely served the bytes checked here.
      const response = await fetch(url, { signal: AbortSignal.timeout(this.#timeoutMs) });
      if (!response.ok) throw httpError(url, response.status);
      bytes = await response.arrayBuffer();
    } catch (error) {
      if (error instanceof PluginLoadError) throw error;
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new PluginLoadError('timeout', url, `${url} did not arrive within ${this.#timeoutMs} ms`);
      }
      throw new PluginLoadError('network', url, `${url} could not be fetched: ${describeThrown(error)}`, {
        cause: error,
      });
    }
    const actual = await integrityOf(bytes);
    if (actual !== integrity) {
      throw new PluginLoadError(
        'integrity',
        url,
        `${url} does not match its pin: it hashes to ${actual}, the request pins ${integrity}; it was not run`,
      );
    }
  }

  async #import(url: string): Promise<WebAudioModuleConstructor> {
    let module: { default?: unknown };
    try {
      module = await withTimeout(
        import(/* @vite-ignore */ url) as Promise<{ default?: unknown }>,
        this.#timeoutMs,
        () =>
          new PluginLoadError('timeout', url, `importing ${url} did not finish within ${this.#timeoutMs} ms`),
      );
    } catch (error) {
      if (error instanceof PluginLoadError) throw error;
      throw await this.#explainImportFailure(url, error);
    }
    const Plugin = module.default;
    if (!isWamConstructor(Plugin)) {
      throw new PluginLoadError(
        'not-a-wam',
        url,
        `${url} is not a WAM 2.0 plugin: its default export is not a WebAudioModule class (static isWebAudioModuleConstructor === true and createInstance())`,
      );
    }
    return Plugin;
  }

  /** A failed import() says little ("Failed to fetch dynamically imported module"): ask the server. */
  async #explainImportFailure(url: string, importError: unknown): Promise<PluginLoadError> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.#timeoutMs) });
      await response.body?.cancel();
      if (!response.ok) return httpError(url, response.status);
    } catch (probeError) {
      return new PluginLoadError(
        'network',
        url,
        `${url} could not be fetched: ${describeThrown(probeError)}`,
        {
          cause: importError,
        },
      );
    }
    return new PluginLoadError(
      'not-a-wam',
      url,
      `${url} is not a WAM 2.0 plugin: the module failed (${describeThrown(importError)})`,
      { cause: importError },
    );
  }

  async #create(
    Plugin: WebAudioModuleConstructor,
    groupId: string,
    context: BaseAudioContext,
    state: unknown,
    url: string,
  ): Promise<WebAudioModule> {
    const ms = this.#timeoutMs;
    // Through then(), so a createInstance that throws synchronously is caught like a rejection.
    const creation = Promise.resolve().then(() => Plugin.createInstance(groupId, context, state));
    let instance: unknown;
    try {
      instance = await withTimeout(
        creation,
        ms,
        () => new PluginLoadError('timeout', url, `createInstance() did not settle within ${ms} ms`),
      );
    } catch (error) {
      if (error instanceof PluginLoadError) {
        // If it settles after all, the instance is abandoned: destroy it rather than let it run.
        creation.then(disposeInstance, () => undefined);
        throw error;
      }
      throw new PluginLoadError('create-failed', url, `createInstance() failed: ${describeThrown(error)}`, {
        cause: error,
      });
    }
    const problem = wamInstanceProblem(instance, context);
    if (problem !== null) {
      disposeInstance(instance);
      throw new PluginLoadError('not-a-wam', url, `${url} is not a WAM 2.0 plugin: ${problem}`);
    }
    const wam = instance as WebAudioModule;
    if (state !== undefined && state !== null) {
      try {
        await withTimeout(
          Promise.resolve().then(() => wam.audioNode.setState(state)),
          ms,
          () => new PluginLoadError('timeout', url, `setState() did not settle within ${ms} ms`),
        );
      } catch (error) {
        disposeInstance(wam);
        if (error instanceof PluginLoadError) throw error;
        throw new PluginLoadError(
          'create-failed',
          url,
          `the plugin refused its state: ${describeThrown(error)}`,
          {
            cause: error,
          },
        );
      }
    }
    return wam;
  }

  #loaded(
    wam: WebAudioModule,
    context: BaseAudioContext,
    request: PluginRequest,
    target: Target,
  ): LoadedPlugin {
    const { url } = target;
    const descriptor = parseDescriptor(wam.descriptor, new URL('descriptor.json', url).href);
    const identifier =
      descriptor?.identifier ?? (typeof wam.moduleId === 'string' ? wam.moduleId : undefined);
    if (identifier === undefined) {
      throw new PluginLoadError(
        'not-a-wam',
        url,
        `${url} is not a WAM 2.0 plugin: its instance has no identifier`,
      );
    }
    const version = descriptor?.version;
    const warnings: string[] = [];
    if (target.substituted) {
      warnings.push(
        `"${shown(request.url)}" was not loaded: ${identifier} is a Lathe plugin, so its trusted copy ${url} was`,
      );
    }
    if (request.identifier !== undefined && request.identifier !== identifier) {
      warnings.push(`the request names ${request.identifier}, but ${url} is ${identifier}`);
    }
    if (request.version !== undefined && version !== undefined && request.version !== version) {
      warnings.push(`the state was saved with ${identifier} ${request.version}; ${version} is loaded`);
    }
    if (identifier === SDK_DEFAULT_IDENTIFIER) {
      warnings.push(
        `the plugin has no identifier of its own (${identifier}): a second such plugin cannot load`,
      );
    }
    let modules = modulesByContext.get(context);
    if (modules === undefined) {
      modules = new Map();
      modulesByContext.set(context, modules);
    }
    const earlier = modules.get(identifier);
    if (earlier === undefined) modules.set(identifier, url);
    else if (earlier !== url) {
      warnings.push(
        `${identifier} from ${earlier} already runs in this context, and its processor is the one used`,
      );
    }

    const node = wam.audioNode;
    const ms = this.#timeoutMs;
    const ask = <T>(call: string, answer: () => Promise<T>) =>
      withTimeout(
        Promise.resolve().then(answer),
        ms,
        () => new PluginLoadError('timeout', url, `${call} did not settle within ${ms} ms`),
      );
    let destroyed = false;
    return {
      kind: 'loaded',
      url,
      identifier,
      version,
      descriptor,
      integrity: target.substituted ? undefined : request.integrity,
      wam,
      node,
      warnings,
      getState: () => ask('getState()', () => node.getState()),
      async latencySamples() {
        const samples = await ask('getCompensationDelay()', () => node.getCompensationDelay());
        return typeof samples === 'number' && Number.isFinite(samples) && samples >= 0 ? samples : 0;
      },
      parameters: async () =>
        readParameterInfo(await ask('getParameterInfo()', () => node.getParameterInfo())),
      destroy() {
        if (destroyed) return;
        destroyed = true;
        disposeInstance(wam);
      },
    };
  }
}
