// Lathe EQ's GUI: the response graph over the live spectrum with a handle per band, a tab per
// band and the selected band's controls, output gain and auto gain. Everything works from the
// keyboard; the curve comes from the coefficients the kernel designs.
import { formatValue } from '@lathe/plugin-kit';
import { mountGui, ParamSlider, ParamToggle, useParameters, useTelemetry } from '@lathe/plugin-kit/gui';
import type { LathePlugin } from '@lathe/plugin-kit/wam';
import { useCallback, useRef, useState } from 'react';
import type { BandNumber, EqParams } from '../params.ts';
import { eqTelemetry } from '../telemetry.ts';
import { ResponseGraph } from './graph.tsx';
import { SpectrumView } from './spectrum-view.ts';
import { BandStrip, BandTabs } from './strip.tsx';
import { eqCss } from './style.ts';

type Plugin = LathePlugin<EqParams>;

function EqApp({ plugin }: { plugin: Plugin }) {
  const node = plugin.audioNode;
  const { values, setValue } = useParameters(node);
  const [selected, setSelected] = useState<BandNumber>(3);
  const spectrum = useRef(new SpectrumView());
  const [frame, setFrame] = useState(0);
  const [autoGain, setAutoGain] = useState(0);

  const onFrame = useCallback((data: Float64Array) => {
    spectrum.current.update(data);
    setAutoGain(data[eqTelemetry.index.autoGain]);
    setFrame((n) => n + 1);
  }, []);
  useTelemetry(node, onFrame);

  if (!values) return <div className="loading">Loading…</div>;
  const p = node.params;
  return (
    <>
      <div className="lathe-header">
        <span className="lathe-title">
          Lathe EQ <small>8-band · analog-matched</small>
        </span>
        <span className="lathe-spacer" />
        <div className="header-gain">
          <ParamToggle spec={p.autoGain} value={values.autoGain} onChange={(v) => setValue('autoGain', v)} />
          <output className="auto-gain" aria-label="Auto gain applied">
            {values.autoGain >= 0.5 ? formatValue(p.outputGain, autoGain) : ''}
          </output>
          <ParamSlider
            spec={p.outputGain}
            value={values.outputGain}
            onChange={(v) => setValue('outputGain', v)}
          />
        </div>
      </div>
      <ResponseGraph
        values={values}
        setValue={setValue}
        sampleRate={plugin.audioContext.sampleRate}
        selected={selected}
        onSelect={setSelected}
        spectrum={spectrum.current}
        frame={frame}
      />
      <BandTabs values={values} selected={selected} onSelect={setSelected} />
      <BandStrip band={selected} values={values} setValue={setValue} />
    </>
  );
}

export function createGui(plugin: Plugin): HTMLElement {
  return mountGui(plugin, EqApp, {
    naturalSize: { width: 760, height: 420 },
    minSize: { width: 560, height: 380 },
    css: eqCss,
  });
}
