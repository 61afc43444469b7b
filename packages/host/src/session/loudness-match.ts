// Gain-matched A/B: two Lathe meters, one before a chain and one after it, measure how much louder
// the chain makes the signal, so its bypass can be raised by exactly that and the ear compares the
// processing rather than the level (louder always sounds "better").
import { meterTelemetry } from '@lathe/plugin-meter';
import type { LoadedPlugin } from '../plugins/index.ts';
import type { Session } from './session.ts';

export const METER_IDENTIFIER = 'audio.lathe.meter';

/** What the kit's nodes add to a WamNode (Lathe plugins only). */
interface MeterNode {
  requestTelemetry(): Promise<Float64Array>;
  reset(): void;
}

export class LoudnessMatch {
  private constructor(
    private readonly before: LoadedPlugin,
    private readonly after: LoadedPlugin,
    private readonly sink: GainNode,
  ) {}

  /** Attaches meters around the chain of `owner` (a track or bus id, MIX_ID or MASTER_ID). */
  static async attach(session: Session, owner: string, meterUrl: string): Promise<LoudnessMatch> {
    const { input, output } = session.chainEnds(owner);
    const load = async () => {
      const meter = await session.loadPlugin({ url: meterUrl, identifier: METER_IDENTIFIER });
      if (meter.kind !== 'loaded') throw meter.error;
      return meter;
    };
    const [before, after] = await Promise.all([load(), load()]);
    // Meters only listen; a muted path to the destination keeps the graph pulling them.
    const sink = new GainNode(session.context, { gain: 0 });
    sink.connect(session.context.destination);
    input.connect(before.node).connect(sink);
    output.connect(after.node).connect(sink);
    return new LoudnessMatch(before, after, sink);
  }

  /** Starts measuring afresh (after a change to the chain, say). */
  reset(): void {
    for (const meter of [this.before, this.after]) (meter.node as unknown as MeterNode).reset();
  }

  /**
   * Integrated loudness after the chain minus before it since the last reset, LU: the gain its
   * bypass needs to sound as loud. Null until both meters have a reading. Read it while the chain
   * is active (a bypassed chain's output is the matched input).
   */
  async difference(): Promise<number | null> {
    const integrated = async (meter: LoadedPlugin) =>
      (await (meter.node as unknown as MeterNode).requestTelemetry())[meterTelemetry.index.integrated];
    const [before, after] = await Promise.all([integrated(this.before), integrated(this.after)]);
    return Number.isFinite(before) && Number.isFinite(after) ? after - before : null;
  }

  detach(): void {
    this.before.destroy();
    this.after.destroy();
    this.sink.disconnect();
  }
}
