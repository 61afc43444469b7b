// The plugin loader in real Chromium: Lathe's four built plugins served from the app's own origin,
// a third-party plugin written with nothing but the bare WAM SDK (and broken ones) served from
// another. Audio checks render in an OfflineAudioContext against analytic references (a gain of
// 0.25 is exact in float32); trust checks look at what the page requested and what code ran.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { compParams } from '@lathe/plugin-comp';
import { eqParams } from '@lathe/plugin-eq';
import { encodeState, fromNormalized, type ParamTable, type ParamValues, paramIds } from '@lathe/plugin-kit';
import { limiterParams } from '@lathe/plugin-limiter';
import { meterParams } from '@lathe/plugin-meter';
import { stripParams } from '@lathe/plugin-strip';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOST_ROOT } from './support/bundle.ts';
import {
  type HostPage,
  type HostWindow,
  LATHE_PLUGIN_NAMES,
  type LathePluginName,
  openHostPage,
} from './support/host-page.ts';

/** What the fixtures record on the page when their code runs. */
interface FixtureWindow extends HostWindow {
  fixtureGainEvaluated?: number;
  impostorEvaluated?: boolean;
  dataUrlEvaluated?: boolean;
  lateInstance?: { created: boolean; disconnected: boolean; destroyed: boolean };
}

const TABLES: Record<LathePluginName, ParamTable> = {
  eq: eqParams,
  comp: compParams,
  limiter: limiterParams,
  meter: meterParams,
  strip: stripParams,
};

/** A state with every parameter moved off its default (30 % of its own scale). */
function movedState(table: ParamTable) {
  const values = Object.fromEntries(paramIds(table).map((id) => [id, fromNormalized(table[id], 0.3)]));
  return encodeState(table, values as ParamValues<ParamTable>);
}

const GAIN_IDENTIFIER = 'com.example.fixture-gain';
const gainState = (gain: number) => ({
  parameterValues: { gain: { id: 'gain', value: gain, normalized: false } },
});
const gainFixture = () => readFileSync(join(HOST_ROOT, 'test/fixtures/third-party/gain/index.js'));
const sha256 = (bytes: Uint8Array | string) =>
  `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

let host: HostPage;
/** A port nothing listens on (a server was opened there and closed again). */
let closedPort: number;

beforeAll(async () => {
  host = await openHostPage();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
});
afterAll(async () => {
  await host?.close();
});
// A fresh page for each test: fixture globals cleared, modules imported anew, request log empty.
beforeEach(async () => {
  await host.reload();
});

const thirdPartyRequests = () => host.requestedUrls().filter((url) => url.startsWith(host.thirdParty.origin));

describe("Lathe's plugins, from the app's own origin", () => {
  it('load without approval, each with its identifier, as distinct instances with complete parameter info', async () => {
    const urls = LATHE_PLUGIN_NAMES.map((name) => host.lathePlugins[name].url);
    const result = await host.page.evaluate(async (urls) => {
      const { lathe, pageTools } = window as unknown as HostWindow;
      let approvals = 0;
      const loader = new lathe.PluginLoader({
        approve: () => {
          approvals++;
          return true;
        },
      });
      const context = new OfflineAudioContext(2, 128, 48_000);
      // The EQ twice: two instances of one plugin in one context.
      const loaded = await Promise.all([...urls, urls[0]].map((url) => loader.load(context, { url })));
      const plugins = [];
      for (const plugin of loaded) {
        if (plugin.kind !== 'loaded') return { failed: pageTools.summarize(plugin) };
        const { parameters, problems } = await plugin.parameters();
        plugins.push({
          ...pageTools.summarize(plugin),
          instanceId: String(plugin.wam.instanceId),
          parameterIds: parameters.map((parameter) => parameter.id),
          problems,
          latency: await plugin.latencySamples(),
        });
      }
      const nodes = new Set(loaded.map((plugin) => (plugin.kind === 'loaded' ? plugin.node : null)));
      // One WAM host group per context: every plugin joined the one initializeWamHost made.
      const groupId = await lathe.wamGroupId(context);
      const groups = loaded.map((plugin) => (plugin.kind === 'loaded' ? plugin.wam.groupId : null));
      return {
        plugins,
        approvals,
        distinctNodes: nodes.size,
        approvedOrigins: loader.approvedOrigins(),
        sameGroup: groups.every((group) => group === groupId),
      };
    }, urls);
    expect(result.failed).toBeUndefined();
    expect(result.approvals).toBe(0);
    expect(result.approvedOrigins).toEqual([]);
    // Every Lathe plugin once, and the EQ a second time.
    expect(result.distinctNodes).toBe(LATHE_PLUGIN_NAMES.length + 1);
    expect(result.sameGroup).toBe(true);
    const plugins = result.plugins ?? [];
    expect(new Set(plugins.map((plugin) => plugin.instanceId)).size).toBe(LATHE_PLUGIN_NAMES.length + 1);
    for (const [i, name] of [...LATHE_PLUGIN_NAMES, 'eq' as const].entries()) {
      const descriptor = JSON.parse(
        readFileSync(join(HOST_ROOT, `../plugin-${name}/dist/descriptor.json`), 'utf8'),
      ) as { identifier: string; version: string };
      expect(plugins[i]).toMatchObject({
        kind: 'loaded',
        url: host.lathePlugins[name].url,
        identifier: descriptor.identifier,
        version: descriptor.version,
        warnings: [],
        problems: [],
        parameterIds: paramIds(TABLES[name]),
      });
    }
    expect(plugins.map((plugin) => plugin.identifier)).toEqual([
      'audio.lathe.eq',
      'audio.lathe.comp',
      'audio.lathe.limiter',
      'audio.lathe.meter',
      'audio.lathe.strip',
      'audio.lathe.eq',
    ]);
    // The limiter's lookahead (plus its detector) is its latency; the EQ has none.
    expect(plugins[0].latency).toBe(0);
    expect(plugins[2].latency).toBeGreaterThan(0);
  });

  it('round-trip their state through load(request with state), in two contexts', async () => {
    const requests = LATHE_PLUGIN_NAMES.map((name) => ({
      url: host.lathePlugins[name].url,
      state: movedState(TABLES[name]),
    }));
    const states = await host.page.evaluate(async (requests) => {
      const { lathe } = window as unknown as HostWindow;
      const loader = new lathe.PluginLoader();
      const first = new OfflineAudioContext(2, 128, 48_000);
      const second = new OfflineAudioContext(1, 128, 44_100);
      const results = [];
      for (const request of requests) {
        const loaded = await loader.load(first, request);
        if (loaded.kind !== 'loaded') return loaded.error.message;
        const saved = await loaded.getState();
        // A bounce re-creates the plugin in another context from the saved state.
        const again = await loader.load(second, { url: request.url, state: saved });
        if (again.kind !== 'loaded') return again.error.message;
        results.push({ saved, reloaded: await again.getState() });
      }
      return results;
    }, requests);
    expect(typeof states).not.toBe('string');
    for (const [i, request] of requests.entries()) {
      const { saved, reloaded } = (states as { saved: unknown; reloaded: unknown }[])[i];
      expect(saved).toEqual(request.state);
      expect(reloaded).toEqual(request.state);
    }
  });

  it('a request naming a Lathe identifier with a foreign URL loads the trusted local copy, never the foreign code', async () => {
    const state = movedState(eqParams);
    const foreignUrl = host.fixtureUrl('impostor');
    const result = await host.page.evaluate(
      async ({ foreignUrl, lathePlugins, state }) => {
        const w = window as unknown as FixtureWindow;
        let approvals = 0;
        // Even an application that would approve anything does not get asked.
        const loader = new w.lathe.PluginLoader({
          lathePlugins,
          approve: () => {
            approvals++;
            return true;
          },
        });
        const context = new OfflineAudioContext(2, 128, 48_000);
        const loaded = await loader.load(context, {
          url: foreignUrl,
          identifier: 'audio.lathe.eq',
          version: '9.9.9',
          state,
        });
        return {
          summary: w.pageTools.summarize(loaded),
          state: loaded.kind === 'loaded' ? await loaded.getState() : null,
          approvals,
          impostorEvaluated: w.impostorEvaluated ?? false,
        };
      },
      { foreignUrl, lathePlugins: host.latheUrlsByIdentifier, state },
    );
    expect(result.summary).toMatchObject({
      kind: 'loaded',
      url: host.lathePlugins.eq.url,
      identifier: 'audio.lathe.eq',
    });
    const warnings = result.summary.kind === 'loaded' ? result.summary.warnings : [];
    expect(warnings).toEqual([
      `"${foreignUrl}" was not loaded: audio.lathe.eq is a Lathe plugin, so its trusted copy ${host.lathePlugins.eq.url} was`,
      'the state was saved with audio.lathe.eq 9.9.9; 0.1.0 is loaded',
    ]);
    expect(result.state).toEqual(state);
    expect(result.approvals).toBe(0);
    expect(result.impostorEvaluated).toBe(false);
    expect(thirdPartyRequests()).toEqual([]);
  });
});

describe('a third-party plugin, from another origin', () => {
  it('is refused without approve(): nothing is fetched or run, and the placeholder keeps the slot', async () => {
    const request = {
      url: host.fixtureUrl('gain'),
      identifier: GAIN_IDENTIFIER,
      version: '1.0.0',
      state: gainState(0.25),
    };
    const result = await host.page.evaluate(async (request) => {
      const w = window as unknown as FixtureWindow;
      const loader = new w.lathe.PluginLoader();
      const placeholder = await loader.load(new OfflineAudioContext(2, 128, 48_000), request);
      return { summary: w.pageTools.summarize(placeholder), evaluated: w.fixtureGainEvaluated ?? 0 };
    }, request);
    expect(result.summary).toEqual({
      kind: 'placeholder',
      ...request,
      integrity: undefined,
      error: {
        name: 'PluginLoadError',
        code: 'not-approved',
        url: request.url,
        message: `${host.thirdParty.origin} is not trusted and this host approves no foreign plugins: its code was not loaded`,
      },
    });
    expect(result.evaluated).toBe(0);
    expect(thirdPartyRequests()).toEqual([]);
  });

  it('is approved once per origin, with its descriptor, before any of its code runs; only "yes" is remembered', async () => {
    const url = host.fixtureUrl('gain');
    const result = await host.page.evaluate(async (url) => {
      const w = window as unknown as FixtureWindow;
      const context = new OfflineAudioContext(2, 128, 48_000);
      const calls: { url: string; descriptor: unknown; evaluatedBefore: number }[] = [];
      const answers = [false, true];
      const loader = new w.lathe.PluginLoader({
        approve: async (url, descriptor) => {
          calls.push({ url, descriptor, evaluatedBefore: w.fixtureGainEvaluated ?? 0 });
          await w.pageTools.sleep(50);
          return answers.shift() ?? true;
        },
      });
      const refused = w.pageTools.summarize(await loader.load(context, { url }));
      // Asked again (a refusal is not remembered); three loads at once share one question.
      const concurrent = await Promise.all([1, 2, 3].map(() => loader.load(context, { url })));
      const callsAfterApproval = calls.length;
      const again = await loader.load(context, { url });
      const approvedOrigins = loader.approvedOrigins();
      // Restored from storage: no approve() at all, and it still loads.
      const restored = await new w.lathe.PluginLoader({ approvedOrigins }).load(context, { url });
      loader.revoke(new URL(url).origin);
      const afterRevoke = await loader.load(context, { url });
      return {
        refused,
        concurrent: concurrent.map((plugin) => plugin.kind),
        callsAfterApproval,
        again: again.kind,
        restored: restored.kind,
        afterRevoke: afterRevoke.kind,
        calls,
        approvedOrigins,
        approvedAfterRevoke: loader.approvedOrigins(),
      };
    }, url);
    expect(result.refused).toMatchObject({
      kind: 'placeholder',
      error: {
        code: 'not-approved',
        message: `${host.thirdParty.origin} was not approved: its code was not loaded`,
      },
    });
    expect(result.concurrent).toEqual(['loaded', 'loaded', 'loaded']);
    expect(result.callsAfterApproval).toBe(2);
    expect(result.again).toBe('loaded');
    expect(result.restored).toBe('loaded');
    expect(result.afterRevoke).toBe('loaded');
    expect(result.calls.length).toBe(3);
    expect(result.approvedOrigins).toEqual([host.thirdParty.origin]);
    expect(result.approvedAfterRevoke).toEqual([host.thirdParty.origin]);
    // Both first questions came before a single line of the plugin ran.
    expect(result.calls.map((call) => call.evaluatedBefore)).toEqual([0, 0, 1]);
    for (const call of result.calls) {
      expect(call.url).toBe(url);
      expect(call.descriptor).toEqual({
        identifier: GAIN_IDENTIFIER,
        name: 'Fixture Gain',
        vendor: 'Example Audio',
        version: '1.0.0',
        description: 'A plain gain, written with nothing but the WAM SDK.',
        website: 'https://example.com/fixture-gain',
        thumbnailUrl: `${host.thirdParty.origin}/gain/thumbnail.svg`,
        keywords: ['gain', 'utility'],
      });
    }
  });

  it('processes audio: the state given is applied (the SDK would drop it), two instances in one context', async () => {
    const result = await host.page.evaluate(
      async ({ url, quarter, double }) => {
        const { lathe, pageTools } = window as unknown as HostWindow;
        const loader = new lathe.PluginLoader({ approve: () => true });
        const context = new OfflineAudioContext(2, 4800, 48_000);
        const first = await loader.load(context, { url, state: quarter, version: '0.9.0' });
        const second = await loader.load(context, { url, state: double });
        const plain = await loader.load(context, { url });
        if (first.kind !== 'loaded' || second.kind !== 'loaded' || plain.kind !== 'loaded') return null;
        const input = [pageTools.sine(4800, 48_000, 997, 0.5), pageTools.sine(4800, 48_000, 440, 0.25)];
        const output = await pageTools.renderChain(context, input, [first.node, second.node]);
        // 0.25 × 2 = 0.5, exact in float32.
        const expected = input.map((channel) => channel.map((sample) => sample * 0.5));
        return {
          first: pageTools.summarize(first),
          difference: pageTools.maxDifference(output, expected),
          outputPeak: pageTools.peak(output),
          states: [await first.getState(), await second.getState(), await plain.getState()],
          instanceIds: [first, second, plain].map((plugin) => String(plugin.wam.instanceId)),
          parameters: await first.parameters(),
        };
      },
      { url: host.fixtureUrl('gain'), quarter: gainState(0.25), double: gainState(2) },
    );
    expect(result).not.toBeNull();
    expect(result?.first).toMatchObject({
      kind: 'loaded',
      identifier: GAIN_IDENTIFIER,
      version: '1.0.0',
      warnings: ['the state was saved with com.example.fixture-gain 0.9.0; 1.0.0 is loaded'],
    });
    expect(result?.difference).toBe(0);
    expect(result?.outputPeak).toBeCloseTo(0.25, 3);
    expect(result?.states).toEqual([gainState(0.25), gainState(2), gainState(1)]);
    expect(new Set(result?.instanceIds).size).toBe(3);
    expect(result?.parameters).toEqual({
      parameters: [
        {
          id: 'gain',
          label: 'Gain',
          type: 'float',
          defaultValue: 1,
          minValue: 0,
          maxValue: 4,
          discreteStep: 0,
          exponent: 0,
          choices: [],
          units: '',
        },
      ],
      problems: [],
    });
  });

  it('with an integrity pin: a wrong or malformed pin is refused before its code runs, the right one loads', async () => {
    const right = sha256(gainFixture());
    const wrong = sha256(Buffer.concat([gainFixture(), Buffer.from('\n// one byte more')]));
    const result = await host.page.evaluate(
      async ({ url, right, wrong }) => {
        const w = window as unknown as FixtureWindow;
        const loader = new w.lathe.PluginLoader({ approve: () => true });
        const context = new OfflineAudioContext(2, 128, 48_000);
        const refused = [];
        for (const integrity of [wrong, 'sha256-abc']) {
          refused.push(w.pageTools.summarize(await loader.load(context, { url, integrity })));
        }
        const evaluatedAfterRefusals = w.fixtureGainEvaluated ?? 0;
        const accepted = w.pageTools.summarize(await loader.load(context, { url, integrity: right }));
        return { refused, evaluatedAfterRefusals, accepted, evaluated: w.fixtureGainEvaluated ?? 0 };
      },
      { url: host.fixtureUrl('gain'), right, wrong },
    );
    const url = host.fixtureUrl('gain');
    expect(result.refused).toEqual([
      expect.objectContaining({
        kind: 'placeholder',
        integrity: wrong,
        error: expect.objectContaining({
          code: 'integrity',
          message: `${url} does not match its pin: it hashes to ${right}, the request pins ${wrong}; it was not run`,
        }),
      }),
      expect.objectContaining({
        kind: 'placeholder',
        error: expect.objectContaining({
          code: 'integrity',
          message:
            '"integrity" must be "sha256-" followed by the 44-character base64 SHA-256 of index.js, got "sha256-abc"',
        }),
      }),
    ]);
    expect(result.evaluatedAfterRefusals).toBe(0);
    expect(result.accepted).toMatchObject({ kind: 'loaded', identifier: GAIN_IDENTIFIER, integrity: right });
    expect(result.evaluated).toBe(1);
  });
});

describe('a failure is contained: a placeholder keeps the slot, and the session keeps playing', () => {
  const slot = {
    identifier: 'com.example.broken',
    version: '2.0.0',
    state: { keep: ['me', 1], nested: { a: null } },
  };
  const TIMEOUT_MS = 1500;
  const cases: [string, () => string, string, RegExp, unknown?][] = [
    ['a 404 on another origin', () => host.fixtureUrl('missing'), 'not-found', /answered HTTP 404$/],
    [
      'a 404 on the trusted origin',
      () => `${host.app.origin}/plugins/missing/index.js`,
      'not-found',
      /HTTP 404$/,
    ],
    [
      'a server that is not there',
      () => `http://127.0.0.1:${closedPort}/plugin/index.js`,
      'network',
      /could not be fetched/,
    ],
    ['something that is not a URL', () => 'http://[::1', 'not-found', /is not a URL$/],
    [
      'a data: URL (it could never be approved)',
      () => 'data:text/javascript,globalThis.dataUrlEvaluated=true;export default 1',
      'not-approved',
      /^only http\(s\) plugin URLs can be approved/,
    ],
    [
      'a module with no WAM default export',
      () => host.fixtureUrl('not-a-wam'),
      'not-a-wam',
      /default export/,
    ],
    [
      'a module that throws while it runs',
      () => host.fixtureUrl('throws-on-import'),
      'not-a-wam',
      /the module failed \(fixture: broken at import\)$/,
    ],
    [
      'an import that never finishes',
      () => host.fixtureUrl('hangs-on-import'),
      'timeout',
      new RegExp(`did not finish within ${TIMEOUT_MS} ms$`),
    ],
    [
      'a createInstance that rejects',
      () => host.fixtureUrl('create-throws'),
      'create-failed',
      /^createInstance\(\) failed: fixture: this plugin cannot be created$/,
    ],
    [
      'a createInstance that never settles',
      () => host.fixtureUrl('never-settles'),
      'timeout',
      new RegExp(`^createInstance\\(\\) did not settle within ${TIMEOUT_MS} ms$`),
    ],
    [
      'a state the plugin refuses',
      () => host.lathePlugins.eq.url,
      'create-failed',
      /^createInstance\(\) failed: Plugin state version 99 was written by a newer Lathe/,
      { version: 99, parameters: {} },
    ],
  ];

  it.each(cases)('%s', async (_, url, code, message, state = slot.state) => {
    const request = { ...slot, url: url(), state };
    const result = await host.page.evaluate(
      async ({ request, eqUrl, gainUrl, quarter, timeoutMs }) => {
        const w = window as unknown as FixtureWindow;
        const loader = new w.lathe.PluginLoader({ approve: () => true });
        const context = new OfflineAudioContext(2, 4800, 48_000);
        const eq = await loader.load(context, { url: eqUrl });
        const gain = await loader.load(context, { url: gainUrl, state: quarter });
        // Only the failing load gets the short time limit: the others may be slow on a busy machine.
        const impatient = new w.lathe.PluginLoader({ approve: () => true, timeoutMs });
        const started = performance.now();
        const failed = await impatient.load(context, request);
        const elapsed = performance.now() - started;
        if (eq.kind !== 'loaded' || gain.kind !== 'loaded') {
          throw new Error(`set-up failed: ${JSON.stringify([eq, gain].map(w.pageTools.summarize))}`);
        }
        // The plugins loaded before the failure still play, in the same context.
        const input = [w.pageTools.sine(4800, 48_000, 997, 0.5), w.pageTools.sine(4800, 48_000, 60, 0.8)];
        const output = await w.pageTools.renderChain(context, input, [eq.node, gain.node]);
        const expected = input.map((channel) => channel.map((sample) => sample * 0.25));
        return {
          failed: w.pageTools.summarize(failed),
          elapsed,
          difference: w.pageTools.maxDifference(output, expected),
          outputPeak: w.pageTools.peak(output),
          dataUrlEvaluated: w.dataUrlEvaluated ?? false,
        };
      },
      {
        request,
        eqUrl: host.lathePlugins.eq.url,
        gainUrl: host.fixtureUrl('gain'),
        quarter: gainState(0.25),
        timeoutMs: TIMEOUT_MS,
      },
    );
    expect(result.failed).toMatchObject({
      kind: 'placeholder',
      url: request.url,
      identifier: slot.identifier,
      version: slot.version,
      state: request.state,
      error: { code },
    });
    expect(result.failed.kind === 'placeholder' && result.failed.error.message).toMatch(message);
    if (code === 'timeout') expect(result.elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(result.elapsed).toBeLessThan(TIMEOUT_MS + 2000);
    expect(result.difference).toBe(0);
    expect(result.outputPeak).toBeCloseTo(0.2, 2);
    expect(result.dataUrlEvaluated).toBe(false);
  });

  it('an instance that arrives after the time-out is disconnected and destroyed', async () => {
    const result = await host.page.evaluate(
      async ({ url, timeoutMs }) => {
        const w = window as unknown as FixtureWindow;
        const loader = new w.lathe.PluginLoader({ approve: () => true, timeoutMs });
        const context = new OfflineAudioContext(1, 4800, 48_000);
        const placeholder = w.pageTools.summarize(await loader.load(context, { url }));
        const atTimeout = { ...(w.lateInstance ?? { created: false }) };
        for (let waited = 0; waited < 5000 && !w.lateInstance?.destroyed; waited += 50)
          await w.pageTools.sleep(50);
        // The late instance connected a constant 1.0 to the destination itself: silence proves it was cut.
        const rendered = await context.startRendering();
        return {
          placeholder,
          atTimeout,
          late: w.lateInstance,
          peak: w.pageTools.peak([rendered.getChannelData(0)]),
        };
      },
      { url: host.fixtureUrl('never-settles', 'settleAfterMs=2000'), timeoutMs: 1000 },
    );
    expect(result.placeholder).toMatchObject({ kind: 'placeholder', error: { code: 'timeout' } });
    expect(result.atTimeout).toEqual({ created: false });
    expect(result.late).toEqual({ created: true, disconnected: true, destroyed: true });
    expect(result.peak).toBe(0);
  });
});

describe('in a cross-origin isolated page (COOP/COEP)', () => {
  let isolated: HostPage;
  beforeAll(async () => {
    isolated = await openHostPage({ isolated: true });
  });
  afterAll(async () => {
    await isolated?.close();
  });

  it('Lathe and third-party plugins load and play alike', async () => {
    const result = await isolated.page.evaluate(
      async ({ eqUrl, gainUrl, quarter }) => {
        const { lathe, pageTools } = window as unknown as HostWindow;
        const loader = new lathe.PluginLoader({ approve: () => true });
        const context = new OfflineAudioContext(2, 4800, 48_000);
        const eq = await loader.load(context, { url: eqUrl });
        const gain = await loader.load(context, { url: gainUrl, state: quarter });
        if (eq.kind !== 'loaded' || gain.kind !== 'loaded') {
          return { isolated: crossOriginIsolated, failure: [eq, gain].map(pageTools.summarize) };
        }
        const input = [pageTools.sine(4800, 48_000, 997, 0.5), pageTools.sine(4800, 48_000, 60, 0.8)];
        const output = await pageTools.renderChain(context, input, [eq.node, gain.node]);
        const expected = input.map((channel) => channel.map((sample) => sample * 0.25));
        return { isolated: crossOriginIsolated, difference: pageTools.maxDifference(output, expected) };
      },
      { eqUrl: isolated.lathePlugins.eq.url, gainUrl: isolated.fixtureUrl('gain'), quarter: gainState(0.25) },
    );
    expect(result).toEqual({ isolated: true, difference: 0 });
  });
});
