// Lathe Loudness GUI: big M/S/I readouts, LRA/true peak/PLR, a correlation meter, the loudness
// history graph and the delivery-target verdict — all derived from the kernel's own telemetry and
// the same `judge` the library exports, so the picture cannot disagree with the numbers.
import { readFrame } from '@lathe/plugin-kit';
import { mountGui, ParamSelect, ParamToggle, useParameters, useTelemetry } from '@lathe/plugin-kit/gui';
import type { LathePlugin } from '@lathe/plugin-kit/wam';
import { useCallback, useRef, useState } from 'react';
import { createLoudnessReadings, type LoudnessReadings } from '../loudness/engine.ts';
import { judge, TARGET_IDS, TARGETS } from '../loudness/targets.ts';
import type { MeterParams } from '../params.ts';
import { meterTelemetry } from '../telemetry.ts';
import { CorrelationMeter } from './correlation.tsx';
import { createHistoryBuffer, type HistoryBuffer, LoudnessHistory, pushHistory } from './history.tsx';
import { meterCss } from './style.ts';

type Plugin = LathePlugin<MeterParams>;

function formatLevel(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  const text = value.toFixed(decimals);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

interface ReadoutProps {
  label: string;
  /** Abbreviation shown when the GUI is narrow (M, S, I, LRA, TP as meters print them). */
  short?: string;
  value: number;
  unit: string;
  big?: boolean;
}

function Readout({ label, short, value, unit, big = false }: ReadoutProps) {
  return (
    <div className={big ? 'readout big' : 'readout'}>
      <span className="lathe-label">
        <span className={short ? 'label-long' : undefined}>{label}</span>
        {short && <span className="label-short">{short}</span>}
      </span>
      <span className="readout-line">
        <output className="readout-value" aria-label={`${label} ${formatLevel(value)} ${unit}`}>
          {formatLevel(value)}
        </output>
        <span className="readout-unit">{unit}</span>
      </span>
    </div>
  );
}

function MeterApp({ plugin }: { plugin: Plugin }) {
  const node = plugin.audioNode;
  const { values, setValue } = useParameters(node);
  const [readings, setReadings] = useState<LoudnessReadings>(createLoudnessReadings);
  const history = useRef<HistoryBuffer>(createHistoryBuffer());

  const onFrame = useCallback((frame: Float64Array) => {
    const next = readFrame(meterTelemetry, frame) as LoudnessReadings;
    pushHistory(history.current, next);
    setReadings(next);
  }, []);
  useTelemetry(node, onFrame);

  if (!values) return <div className="loading">Loading…</div>;
  const targetId = TARGET_IDS[values.target];
  const target = TARGETS[targetId];
  const verdict = judge(targetId, readings);
  const measuring = Number.isFinite(readings.integrated);

  return (
    <>
      <div className="lathe-header">
        <span className="lathe-title">
          Lathe Loudness <small>EBU R128 · BS.1770</small>
        </span>
        <span className="lathe-spacer" />
        <ParamToggle
          spec={node.params.dualMono}
          value={values.dualMono}
          onChange={(v) => setValue('dualMono', v)}
        />
        <button
          type="button"
          onClick={() => {
            node.reset();
            history.current = createHistoryBuffer();
            setReadings(createLoudnessReadings());
          }}
        >
          Reset
        </button>
      </div>
      <div className="readouts primary">
        <Readout big label="Momentary" short="M" value={readings.momentary} unit="LUFS" />
        <Readout big label="Short-term" short="S" value={readings.shortTerm} unit="LUFS" />
        <Readout big label="Integrated" short="I" value={readings.integrated} unit="LUFS" />
        <Readout big label="Range" short="LRA" value={readings.loudnessRange} unit="LU" />
        <Readout big label="True peak" short="TP" value={readings.truePeak} unit="dBTP" />
      </div>
      <div className="readouts secondary">
        <Readout label="Max M" value={readings.momentaryMax} unit="LUFS" />
        <Readout label="Max S" value={readings.shortTermMax} unit="LUFS" />
        <Readout label="PLR" value={readings.plr} unit="LU" />
        <Readout label="Sample pk" value={readings.samplePeak} unit="dBFS" />
        <Readout label="RMS" value={readings.rms} unit="dBFS" />
        <Readout label="Noise floor" value={readings.noiseFloor} unit="dBFS" />
      </div>
      <div className="graph">
        <LoudnessHistory
          history={history.current}
          version={history.current.count}
          target={target.integrated}
          tolerance={target.tolerance}
        />
      </div>
      <CorrelationMeter value={readings.correlation} />
      <div className="target-row">
        <ParamSelect
          spec={node.params.target}
          value={values.target}
          onChange={(v) => setValue('target', v)}
        />
        <output
          className={`verdict ${measuring ? (verdict.pass ? 'lathe-pass' : 'lathe-fail') : ''}`}
          aria-live="polite"
        >
          {measuring ? `${verdict.pass ? '✓' : '✗'} ${verdict.summary}` : 'Play audio to measure'}
        </output>
      </div>
    </>
  );
}

export function createGui(plugin: Plugin): HTMLElement {
  return mountGui(plugin, MeterApp, {
    naturalSize: { width: 600, height: 460 },
    minSize: { width: 440, height: 420 },
    css: meterCss,
  });
}
