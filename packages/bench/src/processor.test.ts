// The simulated worklet drives the shipped processors as a browser and a host do: if a processor
// did not really receive the automation or send telemetry here, its allocation figure would
// measure an idle processor.
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessorUnderTest } from './processor.ts';
import { SAMPLE_RATE } from './settings.ts';

// One second of a tone per channel: never silent, whichever quanta a test renders.
const signal = [440, 550].map((hz) =>
  Float32Array.from({ length: SAMPLE_RATE }, (_, i) => 0.25 * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE)),
);

interface Reply {
  id?: number;
  response?: string;
  content?: unknown;
  lathe?: string;
  buffer?: unknown;
}

let processor: ProcessorUnderTest | undefined;
afterEach(() => processor?.destroy());

/** Renders one automation point per float parameter (each gets its first setting); returns the replies. */
function automateEachOnce(under: ProcessorUnderTest): Reply[] {
  under.drainReplies();
  under.prepare(under.automated.length, true);
  under.render();
  return under.drainReplies() as Reply[];
}

function ask(under: ProcessorUnderTest, request: string, content?: unknown): unknown {
  under.send({ id: 1_000_000, request, content });
  const reply = (under.drainReplies() as Reply[]).find((r) => r.id === 1_000_000 && r.response === request);
  return reply?.content;
}

describe('a shipped processor in the simulated worklet', () => {
  it('applies every automation point a host schedules, answers each, and sends telemetry frames', () => {
    processor = ProcessorUnderTest.create('eq', 'lathe', signal);
    const replies = automateEachOnce(processor);
    const applied = replies.filter((r) => r.response === 'add/event');
    expect(applied).toHaveLength(processor.automated.length);
    expect(new Set(applied.map((r) => r.id)).size).toBe(applied.length);
    // ~30 frames a second of audio, each a transferred buffer.
    const frames = replies.filter((r) => r.lathe === 'telemetry');
    const seconds = (processor.automated.length * 128) / SAMPLE_RATE;
    expect(frames.length).toBeGreaterThanOrEqual(Math.floor(seconds * 30) - 1);
    for (const frame of frames) expect(frame.buffer).toBeInstanceOf(Float64Array);
    const { values } = ask(processor, 'get/state') as { values: Record<string, number> };
    for (const { id, settings } of processor.automated) expect(values[id], id).toBe(settings[0]);
    expect(processor.output.every((channel) => channel.some((v) => v !== 0))).toBe(true);
  });

  it('applies events in time order whatever their arrival order, and drops them on clearEvents', () => {
    processor = ProcessorUnderTest.create('strip', 'lathe', signal);
    const at = (quantum: number) => (quantum * 128 + 5) / SAMPLE_RATE;
    const schedule = (id: number, time: number, value: number) =>
      processor?.send({
        id,
        request: 'add/event',
        content: { event: { type: 'wam-automation', time, data: { id: 'gain', value, normalized: false } } },
      });
    schedule(101, at(3), -6);
    schedule(102, at(1), -3);
    schedule(103, at(40), -9);
    processor.prepare(8, false);
    processor.render();
    const applied = (processor.drainReplies() as Reply[]).filter((r) => r.response === 'add/event');
    expect(applied.map((r) => r.id)).toEqual([102, 101]);
    // What WamNode.clearEvents sends: the answer names the requests dropped, so their promises settle.
    expect(ask(processor, 'remove/events')).toEqual([103]);
    processor.prepare(40, false);
    processor.render();
    expect((processor.drainReplies() as Reply[]).some((r) => r.response === 'add/event')).toBe(false);
    expect((ask(processor, 'get/state') as { values: Record<string, number> }).values.gain).toBe(-6);
  });

  it('has the SDK reference apply the same automation and pass the audio through unchanged', () => {
    processor = ProcessorUnderTest.create('strip', 'sdk', signal);
    const replies = automateEachOnce(processor);
    expect(replies.filter((r) => r.response === 'add/event')).toHaveLength(processor.automated.length);
    const values = ask(processor, 'get/parameterValues', { normalized: false, parameterIds: [] }) as Record<
      string,
      { value: number }
    >;
    for (const { id, settings } of processor.automated) expect(values[id].value, id).toBe(settings[0]);
    for (let c = 0; c < processor.output.length; c++) expect(processor.output[c]).toEqual(processor.input[c]);
    expect(processor.input[0].some((v) => v !== 0)).toBe(true);
  });
});
