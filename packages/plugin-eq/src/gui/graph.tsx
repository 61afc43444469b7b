// The response graph: the live pre/post spectrum, each band's response and the total curve (all
// from the coefficients the kernel designs), and a draggable, focusable handle per band.
import { EQ_FILTER_TYPES, EQ_MAX_SECTIONS, EQ_SECTION_STRIDE, EqDesigner } from '@lathe/dsp';
import { formatValue, fromNormalized, type ParamValues, toNormalized } from '@lathe/plugin-kit';
import { useCanvas } from '@lathe/plugin-kit/gui';
import {
  type KeyboardEvent,
  type PointerEvent,
  useEffect,
  useMemo,
  useRef,
  useState,
  type WheelEvent,
} from 'react';
import { type BandNumber, bandId, type EqParamId, type EqParams, eqParams, TYPE_LABELS } from '../params.ts';
import { designBand, logFrequencies, PowerTable } from '../response.ts';
import { SPECTRUM_BANDS, spectrumBandFrequency } from '../spectrum.ts';
import { BAND_COLORS, BANDS, bandHasGain } from './bands.ts';
import type { SpectrumView } from './spectrum-view.ts';

type Values = ParamValues<EqParams>;
type SetValue = (id: EqParamId, value: number) => void;

/** The curve's vertical range, ± dB (the gain parameter's whole range). */
const DB_RANGE = 24;
/** The spectrum's scale: 0 dBFS at the top, this far down at the bottom. */
const SPECTRUM_RANGE = 96;
/** The spectrum is tilted +4.5 dB/octave about 1 kHz, so pink noise (typical music) reads flat. */
const SPECTRUM_TILT = 4.5;
/** Plot insets in CSS pixels, so handles at 20 Hz, 20 kHz and ±24 dB stay whole. */
const INSET_X = 16;
const INSET_Y = 12;
const CURVE_POINTS = 512;
const Q_STEP = 2 ** (1 / 6);

const FREQUENCY_SPEC = eqParams.band1Frequency;
const GAIN_SPEC = eqParams.band1Gain;
const Q_SPEC = eqParams.band1Q;

const FREQUENCY_GRID = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000];
const frequencyLabel = (f: number) => (f >= 1000 ? `${f / 1000}k` : `${f}`);

interface Props {
  values: Values;
  setValue: SetValue;
  sampleRate: number;
  selected: BandNumber;
  onSelect: (band: BandNumber) => void;
  spectrum: SpectrumView;
  /** Changes with every telemetry frame, so the spectrum repaints. */
  frame: number;
}

/** Each band's response (dB) and the total at CURVE_POINTS log-spaced frequencies. */
function useResponses(values: Values, sampleRate: number) {
  const tools = useMemo(
    () => ({
      designer: new EqDesigner(sampleRate),
      table: new PowerTable(logFrequencies(CURVE_POINTS), sampleRate),
      coefficients: new Float64Array(EQ_MAX_SECTIONS * EQ_SECTION_STRIDE),
    }),
    [sampleRate],
  );
  return useMemo(() => {
    const { designer, table, coefficients } = tools;
    const total = new Float64Array(CURVE_POINTS);
    const bands = BANDS.map((n) => {
      const v = (field: Parameters<typeof bandId>[1]) => values[bandId(n, field)];
      if (v('Enabled') < 0.5) return null;
      const settings = Float64Array.of(v('Frequency'), v('Gain'), v('Q'));
      const sections = designBand(designer, v('Type'), v('Slope'), settings, coefficients);
      const db = new Float64Array(CURVE_POINTS).fill(1);
      table.multiply(coefficients, sections, db, 0, 1);
      for (let k = 0; k < CURVE_POINTS; k++) {
        db[k] = 10 * Math.log10(db[k]);
        total[k] += db[k];
      }
      return db;
    });
    return { bands, total };
  }, [tools, values]);
}

export function ResponseGraph({ values, setValue, sampleRate, selected, onSelect, spectrum, frame }: Props) {
  const responses = useResponses(values, sampleRate);
  const container = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<BandNumber | null>(null);

  const canvas = useCanvas(
    (g, width, height, ratio) => {
      const ix = INSET_X * ratio;
      const iy = INSET_Y * ratio;
      const w = width - 2 * ix;
      const h = height - 2 * iy;
      const x = (f: number) => ix + (w * Math.log(f / 20)) / Math.log(1000);
      const y = (db: number) => iy + h * (0.5 - db / (2 * DB_RANGE));
      const ySpectrum = (db: number) =>
        iy + (h * Math.min(SPECTRUM_RANGE, Math.max(0, -db))) / SPECTRUM_RANGE;
      g.fillStyle = '#101216';
      g.fillRect(0, 0, width, height);

      // Grid: frequencies, and every 6 dB (0 dB brighter).
      g.lineWidth = 1;
      g.font = `${10 * ratio}px system-ui, sans-serif`;
      g.textBaseline = 'bottom';
      for (const f of FREQUENCY_GRID) {
        g.strokeStyle = '#1e2228';
        g.beginPath();
        g.moveTo(x(f), iy);
        g.lineTo(x(f), iy + h);
        g.stroke();
        g.fillStyle = '#5c6470';
        g.textAlign = f === 20 ? 'left' : f === 20_000 ? 'right' : 'center';
        g.fillText(frequencyLabel(f), x(f), height - 1 * ratio);
      }
      for (let db = -DB_RANGE + 6; db < DB_RANGE; db += 6) {
        g.strokeStyle = db === 0 ? '#343a44' : '#1e2228';
        g.beginPath();
        g.moveTo(ix, y(db));
        g.lineTo(ix + w, y(db));
        g.stroke();
      }
      // Everything below stays inside the plot (a sum of bands can exceed ±24 dB).
      g.save();
      g.beginPath();
      g.rect(ix, iy, w, h);
      g.clip();

      // Spectrum: pre as a faint area, post as a line.
      const tilt = (i: number) => SPECTRUM_TILT * Math.log2(spectrumBandFrequency(i) / 1000);
      g.beginPath();
      g.moveTo(x(spectrumBandFrequency(0)), iy + h);
      for (let i = 0; i < SPECTRUM_BANDS; i++) {
        g.lineTo(x(spectrumBandFrequency(i)), ySpectrum(spectrum.pre[i] + tilt(i)));
      }
      g.lineTo(x(spectrumBandFrequency(SPECTRUM_BANDS - 1)), iy + h);
      g.closePath();
      g.fillStyle = 'rgba(120, 140, 170, 0.11)';
      g.fill();
      g.beginPath();
      for (let i = 0; i < SPECTRUM_BANDS; i++) {
        const px = x(spectrumBandFrequency(i));
        const py = ySpectrum(spectrum.post[i] + tilt(i));
        if (i === 0) g.moveTo(px, py);
        else g.lineTo(px, py);
      }
      g.strokeStyle = 'rgba(56, 217, 169, 0.55)';
      g.lineWidth = 1.2 * ratio;
      g.stroke();

      // Bands: the selected one filled, the others as thin lines; then the total.
      const curveX = (k: number) => ix + (w * k) / (CURVE_POINTS - 1);
      responses.bands.forEach((db, i) => {
        if (!db) return;
        const color = BAND_COLORS[i];
        g.beginPath();
        for (let k = 0; k < CURVE_POINTS; k++) {
          const py = y(Math.max(-DB_RANGE - 6, Math.min(DB_RANGE + 6, db[k])));
          if (k === 0) g.moveTo(curveX(k), py);
          else g.lineTo(curveX(k), py);
        }
        if (i + 1 === selected) {
          g.lineTo(curveX(CURVE_POINTS - 1), y(0));
          g.lineTo(curveX(0), y(0));
          g.closePath();
          g.globalAlpha = 0.22;
          g.fillStyle = color;
          g.fill();
          g.globalAlpha = 1;
        }
        g.strokeStyle = color;
        g.globalAlpha = i + 1 === selected ? 0.9 : 0.45;
        g.lineWidth = ratio;
        g.stroke();
        g.globalAlpha = 1;
      });
      g.beginPath();
      for (let k = 0; k < CURVE_POINTS; k++) {
        const py = y(Math.max(-DB_RANGE - 6, Math.min(DB_RANGE + 6, responses.total[k])));
        if (k === 0) g.moveTo(curveX(k), py);
        else g.lineTo(curveX(k), py);
      }
      g.strokeStyle = '#f1f3f5';
      g.lineWidth = 2 * ratio;
      g.stroke();
      g.restore();

      // dB labels last, over the curves, each on a dark chip.
      g.textAlign = 'left';
      g.textBaseline = 'middle';
      for (let db = -DB_RANGE + 6; db < DB_RANGE; db += 6) {
        const label = db > 0 ? `+${db}` : db < 0 ? `−${-db}` : '0';
        g.fillStyle = 'rgba(16, 18, 22, 0.75)';
        g.fillRect(ix, y(db) - 6 * ratio, g.measureText(label).width + 4 * ratio, 12 * ratio);
        g.fillStyle = '#6c7480';
        g.fillText(label, ix + 2 * ratio, y(db));
      }
    },
    [responses, frame, selected, spectrum],
  );

  // Pointer position → frequency and gain, through the same mapping the canvas draws with.
  const fromPointer = (event: PointerEvent) => {
    const rect = container.current!.getBoundingClientRect();
    const t = (event.clientX - rect.left - INSET_X) / (rect.width - 2 * INSET_X);
    const u = (event.clientY - rect.top - INSET_Y) / (rect.height - 2 * INSET_Y);
    return { frequency: fromNormalized(FREQUENCY_SPEC, t), gain: (0.5 - u) * 2 * DB_RANGE };
  };

  return (
    <div className="graph" ref={container}>
      <canvas
        ref={canvas}
        role="img"
        aria-label="EQ response curve over the spectrum before (grey) and after (green) the EQ"
      />
      {BANDS.map((n) => (
        <Handle
          key={n}
          band={n}
          values={values}
          setValue={setValue}
          selected={selected === n}
          onSelect={onSelect}
          fromPointer={fromPointer}
          onMenu={() => setMenu(n)}
        />
      ))}
      {menu !== null && (
        <TypeMenu
          band={menu}
          values={values}
          onPick={(type) => {
            setValue(bandId(menu, 'Type'), type);
            setValue(bandId(menu, 'Enabled'), 1);
          }}
          onClose={() => setMenu(null)}
        />
      )}
    </div>
  );
}

interface HandleProps {
  band: BandNumber;
  values: Values;
  setValue: SetValue;
  selected: boolean;
  onSelect: (band: BandNumber) => void;
  fromPointer: (event: PointerEvent) => { frequency: number; gain: number };
  onMenu: () => void;
}

/**
 * A band's handle: drag for frequency and gain, wheel for Q, right-click for the type menu. As a
 * slider for keyboards and screen readers: ←/→ frequency, ↑/↓ gain, PageUp/PageDown or +/− Q,
 * Enter/Space on/off, the context-menu key or Shift+F10 the type menu (Shift: finer steps).
 */
function Handle({ band, values, setValue, selected, onSelect, fromPointer, onMenu }: HandleProps) {
  const id = (field: Parameters<typeof bandId>[1]) => bandId(band, field);
  const enabled = values[id('Enabled')] >= 0.5;
  const type = values[id('Type')];
  const frequency = values[id('Frequency')];
  const gain = values[id('Gain')];
  const q = values[id('Q')];
  const hasGain = bandHasGain(type);
  const placement = values[id('Placement')];
  const placementBadge = ['', 'M', 'S', 'L', 'R'][placement];
  const t = toNormalized(FREQUENCY_SPEC, frequency);
  const u = 0.5 - (hasGain ? gain : 0) / (2 * DB_RANGE);
  const description = [
    TYPE_LABELS[EQ_FILTER_TYPES[type]],
    formatValue(FREQUENCY_SPEC, frequency),
    hasGain ? formatValue(GAIN_SPEC, gain) : null,
    `Q ${formatValue(Q_SPEC, q)}`,
    placement > 0 ? formatValue(eqParams.band1Placement, placement) : null,
    enabled ? null : 'off',
  ]
    .filter(Boolean)
    .join(', ');

  const setQ = (factor: number) => setValue(id('Q'), Math.min(18, Math.max(0.1, q * factor)));

  const onKeyDown = (event: KeyboardEvent) => {
    const fine = event.shiftKey;
    const moveFrequency = (direction: number) =>
      setValue(id('Frequency'), fromNormalized(FREQUENCY_SPEC, t + direction * (fine ? 0.002 : 0.01)));
    const moveGain = (direction: number) =>
      setValue(id('Gain'), Math.min(24, Math.max(-24, gain + direction * (fine ? 0.1 : 0.5))));
    const toggle = () => setValue(id('Enabled'), enabled ? 0 : 1);
    switch (event.key) {
      case 'ArrowRight':
        moveFrequency(1);
        break;
      case 'ArrowLeft':
        moveFrequency(-1);
        break;
      case 'ArrowUp':
        moveGain(1);
        break;
      case 'ArrowDown':
        moveGain(-1);
        break;
      case 'PageUp':
      case '+':
      case '=':
        setQ(Q_STEP);
        break;
      case 'PageDown':
      case '-':
        setQ(1 / Q_STEP);
        break;
      case 'Enter':
      case ' ':
        toggle();
        break;
      case 'ContextMenu':
        onMenu();
        break;
      case 'F10':
        if (!event.shiftKey) return;
        onMenu();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div
      className={`handle${enabled ? '' : ' off'}${selected ? ' selected' : ''}`}
      style={{
        left: `calc(${INSET_X}px + ${t} * (100% - ${2 * INSET_X}px))`,
        top: `calc(${INSET_Y}px + ${u} * (100% - ${2 * INSET_Y}px))`,
        ['--band-color' as string]: BAND_COLORS[band - 1],
      }}
      role="slider"
      tabIndex={0}
      aria-label={`Band ${band}`}
      aria-valuemin={FREQUENCY_SPEC.min}
      aria-valuemax={FREQUENCY_SPEC.max}
      aria-valuenow={Math.round(frequency)}
      aria-valuetext={description}
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown PageUp PageDown + - Enter Space Shift+F10"
      title={`Band ${band}: ${description}`}
      data-placement={placementBadge || undefined}
      onFocus={() => onSelect(band)}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        event.currentTarget.focus();
        onSelect(band);
      }}
      onPointerMove={(event) => {
        if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
        const at = fromPointer(event);
        setValue(id('Frequency'), at.frequency);
        if (hasGain) setValue(id('Gain'), Math.min(24, Math.max(-24, at.gain)));
      }}
      onWheel={(event: WheelEvent) => setQ(event.deltaY < 0 ? Q_STEP : 1 / Q_STEP)}
      onDoubleClick={() => setValue(id('Enabled'), enabled ? 0 : 1)}
      onContextMenu={(event) => {
        event.preventDefault();
        onMenu();
      }}
    >
      {band}
    </div>
  );
}

interface TypeMenuProps {
  band: BandNumber;
  values: Values;
  onPick: (type: number) => void;
  onClose: () => void;
}

/** The filter-type menu of a band: arrows move, Enter picks, Escape closes; focus returns to the handle. */
function TypeMenu({ band, values, onPick, onClose }: TypeMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const current = values[bandId(band, 'Type')];
  const close = () => {
    onClose();
    const root = menu.current?.getRootNode() as ShadowRoot | Document | undefined;
    root?.querySelector<HTMLElement>(`.handle[aria-label="Band ${band}"]`)?.focus();
  };
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? []);
    const index = items.indexOf(event.target as HTMLElement);
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') items[(index + 1) % items.length]?.focus();
    else if (event.key === 'ArrowUp') items[(index - 1 + items.length) % items.length]?.focus();
    else return;
    event.preventDefault();
  };
  return (
    <div className="type-menu" role="menu" aria-label={`Band ${band} type`} ref={menu} onKeyDown={onKeyDown}>
      {EQ_FILTER_TYPES.map((type, index) => (
        <button
          key={type}
          type="button"
          role="menuitemradio"
          aria-checked={index === current}
          onClick={() => {
            onPick(index);
            close();
          }}
        >
          {TYPE_LABELS[type]}
        </button>
      ))}
    </div>
  );
}
