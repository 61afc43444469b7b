// Lathe Compressor GUI: the transfer curve (the kernel's gain computer), input/output/reduction
// meters, a scrolling gain-reduction history, and every parameter as a keyboard-operable control.
import { readFrame } from '@lathe/plugin-kit';
import {
  HistoryGraph,
  HistoryRing,
  LevelMeter,
  mountGui,
  ParamSelect,
  ParamSlider,
  ParamToggle,
  useParameters,
  useTelemetry,
} from '@lathe/plugin-kit/gui';
import type { LathePlugin } from '@lathe/plugin-kit/wam';
import { useCallback, useRef, useState } from 'react';
import type { CompParams } from '../params.ts';
import { compTelemetry } from '../telemetry.ts';
import { compCss } from './style.ts';
import { TransferCurve } from './transfer-curve.tsx';

type Plugin = LathePlugin<CompParams>;
type Frame = Record<(typeof compTelemetry.names)[number], number>;

const SILENT: Frame = { inputPeak: -Infinity, outputPeak: -Infinity, gainReduction: 0, detectorLevel: -200 };
/** Gain-reduction history: ~10 s at the telemetry rate. */
const HISTORY_FRAMES = 300;

function CompressorApp({ plugin }: { plugin: Plugin }) {
  const node = plugin.audioNode;
  const { values, setValue } = useParameters(node);
  const [frame, setFrame] = useState<Frame>(SILENT);
  const history = useRef(new HistoryRing(HISTORY_FRAMES));
  const onFrame = useCallback((data: Float64Array) => {
    const next = readFrame(compTelemetry, data);
    history.current.push(next.gainReduction);
    setFrame(next);
  }, []);
  useTelemetry(node, onFrame);
  if (!values) return <div className="loading">Loading…</div>;
  const p = node.params;
  const slider = (
    id:
      | 'threshold'
      | 'ratio'
      | 'knee'
      | 'attack'
      | 'release'
      | 'makeup'
      | 'mix'
      | 'stereoLink'
      | 'sidechainHighpass'
      | 'lookahead',
  ) => <ParamSlider spec={p[id]} value={values[id]} onChange={(v) => setValue(id, v)} />;

  return (
    <>
      <div className="lathe-header">
        <span className="lathe-title">
          Lathe Compressor <small>log-domain · soft knee</small>
        </span>
        <span className="lathe-spacer" />
        <ParamToggle
          spec={p.autoMakeup}
          value={values.autoMakeup}
          onChange={(v) => setValue('autoMakeup', v)}
        />
      </div>
      <div className="comp-main">
        <div className="curve">
          <TransferCurve
            threshold={values.threshold}
            ratio={values.ratio}
            knee={values.knee}
            makeup={values.makeup}
            autoMakeup={values.autoMakeup >= 0.5}
            level={frame.detectorLevel}
          />
        </div>
        <div className="meters">
          <LevelMeter label="In" value={frame.inputPeak} />
          <LevelMeter label="GR" value={frame.gainReduction} min={0} max={24} kind="reduction" />
          <LevelMeter label="Out" value={frame.outputPeak} />
        </div>
        <div className="controls">
          {slider('threshold')}
          {slider('ratio')}
          {slider('knee')}
          {slider('attack')}
          {slider('release')}
          {slider('makeup')}
          {slider('mix')}
          {slider('stereoLink')}
          {slider('lookahead')}
          {slider('sidechainHighpass')}
          <div className="selects">
            <ParamSelect
              spec={p.detector}
              value={values.detector}
              onChange={(v) => setValue('detector', v)}
            />
            <ParamSelect
              spec={p.sidechainSource}
              value={values.sidechainSource}
              onChange={(v) => setValue('sidechainSource', v)}
            />
          </div>
        </div>
      </div>
      <div className="history">
        <HistoryGraph
          ring={history.current}
          version={history.current.count}
          min={0}
          max={24}
          fromTop
          grid={[6, 12, 18]}
          label="Gain reduction over the last 10 seconds, 0 to 24 dB"
        />
      </div>
    </>
  );
}

export function createGui(plugin: Plugin): HTMLElement {
  return mountGui(plugin, CompressorApp, {
    naturalSize: { width: 720, height: 430 },
    minSize: { width: 620, height: 430 },
    css: compCss,
  });
}
