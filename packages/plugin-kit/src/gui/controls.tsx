// Parameter controls generated from the parameter table: labels, ranges and value text all come
// from the spec, and every control is keyboard-operable with ARIA semantics.
import { type KeyboardEvent, type PointerEvent, useId, useRef } from 'react';
import {
  type ChoiceParamSpec,
  defaultValue,
  formatValue,
  fromNormalized,
  type ParamSpec,
  paramRange,
  toNormalized,
} from '../params.ts';

interface ControlProps {
  spec: ParamSpec;
  value: number;
  onChange: (value: number) => void;
}

const FINE = 0.001;
const STEP = 0.01;
const PAGE = 0.1;

/**
 * A slider (role="slider"), horizontal or a vertical fader: drag, arrows (Shift: fine), PageUp/Down,
 * Home/End, double-click resets.
 */
export function ParamSlider({
  spec,
  value,
  onChange,
  orientation = 'horizontal',
}: ControlProps & { orientation?: 'horizontal' | 'vertical' }) {
  const vertical = orientation === 'vertical';
  const track = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const position = toNormalized(spec, value);
  const { min, max } = paramRange(spec);

  const setFromPointer = (event: PointerEvent<HTMLDivElement>) => {
    const rect = track.current!.getBoundingClientRect();
    const travel = vertical
      ? (rect.bottom - event.clientY) / rect.height
      : (event.clientX - rect.left) / rect.width;
    onChange(fromNormalized(spec, travel));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? FINE : STEP;
    const moves: Record<string, number> = {
      ArrowRight: step,
      ArrowUp: step,
      ArrowLeft: -step,
      ArrowDown: -step,
      PageUp: PAGE,
      PageDown: -PAGE,
    };
    let next: number | undefined;
    if (event.key in moves) {
      const moved = fromNormalized(spec, position + moves[event.key]);
      // Discrete parameters move by at least one step.
      next = moved === value && spec.type !== 'float' ? value + Math.sign(moves[event.key]) : moved;
    } else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    if (next === undefined) return;
    event.preventDefault();
    onChange(Math.min(max, Math.max(min, next)));
  };

  return (
    <div className={vertical ? 'lathe-slider vertical' : 'lathe-slider'}>
      <span className="lathe-label" id={labelId}>
        {spec.label}
      </span>
      <div
        ref={track}
        className="lathe-slider-track"
        role="slider"
        tabIndex={0}
        aria-labelledby={labelId}
        aria-orientation={orientation}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={formatValue(spec, value)}
        onKeyDown={onKeyDown}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          setFromPointer(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) setFromPointer(event);
        }}
        onDoubleClick={() => onChange(defaultValue(spec))}
      >
        <div
          className="lathe-slider-fill"
          style={vertical ? { height: `${position * 100}%` } : { width: `${position * 100}%` }}
        />
      </div>
      <output className="lathe-value">{formatValue(spec, value)}</output>
    </div>
  );
}

/** A choice parameter as a native select (keyboard and screen readers for free). */
export function ParamSelect({ spec, value, onChange }: ControlProps & { spec: ChoiceParamSpec }) {
  const id = useId();
  return (
    <label className="lathe-select" htmlFor={id}>
      <span className="lathe-label">{spec.label}</span>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {spec.choices.map((choice, index) => (
          <option key={choice} value={index}>
            {spec.choiceLabels?.[index] ?? choice}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A boolean parameter as a switch button. */
export function ParamToggle({ spec, value, onChange }: ControlProps) {
  const on = value >= 0.5;
  return (
    <button
      type="button"
      className="lathe-toggle"
      role="switch"
      aria-checked={on}
      onClick={() => onChange(on ? 0 : 1)}
    >
      {spec.label}
    </button>
  );
}
