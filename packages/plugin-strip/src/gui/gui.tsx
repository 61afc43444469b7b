// Lathe Strip GUI: a gain fader beside a stereo output meter, then balance, mute, polarity and the
// compensation delay; every control keyboard-operable and labelled for screen readers.
import { clampValue, type IntParamSpec, readFrame } from '@lathe/plugin-kit';
import {
  LevelMeter,
  mountGui,
  ParamSlider,
  ParamToggle,
  useParameters,
  useTelemetry,
} from '@lathe/plugin-kit/gui';
import type { LathePlugin } from '@lathe/plugin-kit/wam';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { StripParams } from '../params.ts';
import { stripTelemetry } from '../telemetry.ts';
import { stripCss } from './style.ts';

type Plugin = LathePlugin<StripParams>;
type Frame = Record<(typeof stripTelemetry.names)[number], number>;

const SILENT: Frame = { peakLeft: -Infinity, peakRight: -Infinity };
/** Peak-hold lines stay up this long (telemetry frames, ~1.5 s). */
const HOLD_FRAMES = 45;

/** Keeps the highest reading of the last HOLD_FRAMES frames. */
class PeakHold {
  private value = -Infinity;
  private age = 0;
  push(reading: number): number {
    if (reading >= this.value || ++this.age > HOLD_FRAMES) {
      this.value = reading;
      this.age = 0;
    }
    return this.value;
  }
}

/** The delay in samples as a number field, with its length in milliseconds beside it. */
function DelayField({
  spec,
  value,
  sampleRate,
  onChange,
}: {
  spec: IntParamSpec;
  value: number;
  sampleRate: number;
  onChange: (value: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const milliseconds = ((value / sampleRate) * 1000).toFixed(2);
  return (
    <label className="strip-delay" htmlFor={id}>
      <span className="lathe-label">{spec.label}</span>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={spec.max}
        step={1}
        value={text}
        aria-describedby={`${id}-ms`}
        onChange={(event) => {
          setText(event.target.value);
          const typed = Number(event.target.value);
          // Half-typed text ("", "-") waits; any whole number is applied at once (clamped).
          if (event.target.value.trim() !== '' && Number.isFinite(typed)) {
            const next = clampValue(spec, typed);
            if (next !== value) onChange(next);
          }
        }}
        onBlur={() => setText(String(value))}
      />
      <span className="strip-unit" id={`${id}-ms`}>
        <span>samples</span>
        <span>{milliseconds} ms</span>
      </span>
    </label>
  );
}

function StripApp({ plugin }: { plugin: Plugin }) {
  const node = plugin.audioNode;
  const { values, setValue } = useParameters(node);
  const [frame, setFrame] = useState<Frame>(SILENT);
  const holds = useRef({ left: new PeakHold(), right: new PeakHold() });
  const [held, setHeld] = useState({ left: -Infinity, right: -Infinity });
  const onFrame = useCallback((data: Float64Array) => {
    const next = readFrame(stripTelemetry, data);
    setFrame(next);
    setHeld({
      left: holds.current.left.push(next.peakLeft),
      right: holds.current.right.push(next.peakRight),
    });
  }, []);
  useTelemetry(node, onFrame);
  if (!values) return <div className="loading">Loading…</div>;
  const p = node.params;

  return (
    <>
      <div className="lathe-header">
        <span className="lathe-title">Lathe Strip</span>
      </div>
      <div className="strip-main">
        <ParamSlider
          spec={p.gain}
          value={values.gain}
          onChange={(v) => setValue('gain', v)}
          orientation="vertical"
        />
        <div className="strip-meters">
          <LevelMeter label="L" value={frame.peakLeft} peak={held.left} />
          <LevelMeter label="R" value={frame.peakRight} peak={held.right} />
        </div>
      </div>
      <ParamSlider spec={p.pan} value={values.pan} onChange={(v) => setValue('pan', v)} />
      <div className="strip-toggles">
        <span className="strip-mute">
          <ParamToggle spec={p.mute} value={values.mute} onChange={(v) => setValue('mute', v)} />
        </span>
        <ParamToggle spec={p.invert} value={values.invert} onChange={(v) => setValue('invert', v)} />
      </div>
      <DelayField
        spec={p.delay}
        value={values.delay}
        sampleRate={plugin.audioContext.sampleRate}
        onChange={(v) => setValue('delay', v)}
      />
    </>
  );
}

export function createGui(plugin: Plugin): HTMLElement {
  return mountGui(plugin, StripApp, {
    naturalSize: { width: 240, height: 400 },
    minSize: { width: 220, height: 340 },
    css: stripCss,
  });
}
