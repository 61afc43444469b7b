// Lathe Limiter GUI: the parameters, input / gain-reduction / output meters and a scrolling
// gain-reduction history, all from the kernel's telemetry.
import { readFrame } from '@lathe/plugin-kit';
import {
  HistoryGraph,
  HistoryRing,
  LevelMeter,
  mountGui,
  ParamSlider,
  ParamToggle,
  useParameters,
  useTelemetry,
} from '@lathe/plugin-kit/gui';
import type { LathePlugin } from '@lathe/plugin-kit/wam';
import { useCallback, useRef, useState } from 'react';
import type { LimiterParams } from '../params.ts';
import { limiterTelemetry } from '../telemetry.ts';
import { limiterCss } from './style.ts';

type Plugin = LathePlugin<LimiterParams>;
type Readings = Record<(typeof limiterTelemetry.names)[number], number>;

/** Seconds of gain-reduction history at ~30 telemetry frames a second. */
const HISTORY_FRAMES = 30 * 8;
/** Meter bars fall back at this rate (dB/s) after a peak, as peak meters do. */
const FALL_DB_PER_S = 24;
/** Gain-reduction scale of the meter and the history, dB. */
const GR_RANGE = 18;
const GR_GRID = [3, 6, 12] as const;

const silent: Readings = {
  inputPeak: Number.NEGATIVE_INFINITY,
  outputPeak: Number.NEGATIVE_INFINITY,
  outputTruePeak: Number.NEGATIVE_INFINITY,
  gainReduction: 0,
  gainReductionMax: 0,
  latency: 0,
};

function formatDb(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  const text = value.toFixed(1);
  return text.startsWith('-') ? `−${text.slice(1)}` : value > 0 ? `+${text}` : text;
}

/** Peak-meter ballistics: rise at once, fall at FALL_DB_PER_S. */
function fall(previous: number, next: number, seconds: number): number {
  const fallen = previous - FALL_DB_PER_S * seconds;
  return next >= fallen || !Number.isFinite(previous) ? next : fallen;
}

const idle = {
  input: Number.NEGATIVE_INFINITY,
  output: Number.NEGATIVE_INFINITY,
  reduction: 0,
  truePeak: Number.NEGATIVE_INFINITY,
};

function LimiterApp({ plugin }: { plugin: Plugin }) {
  const node = plugin.audioNode;
  const { values, setValue } = useParameters(node);
  const [readings, setReadings] = useState<Readings>(silent);
  // What the meters show: bars with peak ballistics, and the output true peak since the GUI's Reset.
  // (Reset stays in the GUI: resetting the kernel would also empty its delay line, an audible gap.)
  const [shown, setShown] = useState(idle);
  const history = useRef(new HistoryRing(HISTORY_FRAMES));
  const lastFrame = useRef(0);
  const [version, setVersion] = useState(0);
  const sampleRate = node.context.sampleRate;

  const onFrame = useCallback((frame: Float64Array) => {
    const next = readFrame(limiterTelemetry, frame) as Readings;
    const now = performance.now();
    const seconds = lastFrame.current ? (now - lastFrame.current) / 1000 : 0;
    lastFrame.current = now;
    history.current.push(next.gainReductionMax);
    setReadings(next);
    setShown((previous) => ({
      input: fall(previous.input, next.inputPeak, seconds),
      output: fall(previous.output, next.outputPeak, seconds),
      reduction: fall(previous.reduction, next.gainReductionMax, seconds),
      truePeak: Math.max(previous.truePeak, next.outputPeak),
    }));
    setVersion((v) => v + 1);
  }, []);
  useTelemetry(node, onFrame);

  if (!values) return <div className="loading">Loading…</div>;
  const ceiling = values.ceiling;
  const over = shown.truePeak > ceiling + 0.05;
  const slider = (id: 'inputGain' | 'ceiling' | 'release' | 'lookahead' | 'stereoLink') => (
    <ParamSlider spec={node.params[id]} value={values[id]} onChange={(v) => setValue(id, v)} />
  );

  return (
    <>
      <div className="lathe-header">
        <span className="lathe-title">
          Lathe Limiter <small>true peak</small>
        </span>
        <span className="lathe-spacer" />
        <ParamToggle
          spec={node.params.truePeak}
          value={values.truePeak}
          onChange={(v) => setValue('truePeak', v)}
        />
        <ParamToggle
          spec={node.params.autoRelease}
          value={values.autoRelease}
          onChange={(v) => setValue('autoRelease', v)}
        />
        <button
          type="button"
          onClick={() => {
            history.current.clear();
            setShown(idle);
            setVersion((v) => v + 1);
          }}
        >
          Reset
        </button>
      </div>
      <div className="limiter-main">
        <div className="limiter-left">
          <div className="limiter-controls">
            {slider('inputGain')}
            {slider('ceiling')}
            {slider('release')}
            {slider('lookahead')}
            {slider('stereoLink')}
          </div>
          <div className="limiter-graph">
            <HistoryGraph
              ring={history.current}
              version={version}
              min={0}
              max={GR_RANGE}
              fromTop
              grid={GR_GRID}
              label={`Gain reduction over the last 8 seconds, 0 to ${GR_RANGE} dB, growing downwards`}
            />
          </div>
        </div>
        <div className="limiter-meters">
          <LevelMeter label="In" value={shown.input} min={-36} max={12} unit="dBTP" />
          <LevelMeter
            label="GR"
            value={shown.reduction}
            peak={readings.gainReductionMax}
            min={0}
            max={GR_RANGE}
            kind="reduction"
          />
          <LevelMeter label="Out" value={shown.output} peak={shown.truePeak} min={-36} max={0} unit="dBTP" />
        </div>
      </div>
      <div className="limiter-readouts">
        <span className="lathe-label">Output true peak</span>
        <output
          className={over ? 'limiter-over' : undefined}
          aria-label={`Output true peak ${formatDb(shown.truePeak)} dBTP`}
        >
          {formatDb(shown.truePeak)} dBTP
        </output>
        <span className="lathe-label">GR</span>
        <output aria-label={`Gain reduction ${readings.gainReduction.toFixed(1)} dB`}>
          {readings.gainReduction.toFixed(1)} dB
        </output>
        <span className="lathe-label limiter-latency">Latency</span>
        <output className="limiter-latency" aria-label={`Latency ${readings.latency} samples`}>
          {((readings.latency / sampleRate) * 1000).toFixed(2)} ms
        </output>
      </div>
    </>
  );
}

export function createGui(plugin: Plugin): HTMLElement {
  return mountGui(plugin, LimiterApp, {
    naturalSize: { width: 520, height: 360 },
    minSize: { width: 400, height: 300 },
    css: limiterCss,
  });
}
