// The timeline: every track's waveform on one time axis, the playhead, and the loop region.
// Click or drag on the waveforms to seek; drag across the ruler to set a loop; arrow keys move the
// playhead (Shift: 5 s), Home returns to the start.
import { useMemo, useRef } from 'react';
import type { StudioSnapshot } from '../engine/studio.ts';
import { formatClock } from './format.ts';
import { useAnimationFrame, useSnapshot, useStudio } from './studio-context.ts';

const ROW_HEIGHT = 34;
const RULER_HEIGHT = 20;
const COLUMNS = 1200;

/** Min and max of each of `COLUMNS` slices of a buffer (both channels), cached per buffer. */
const envelopes = new WeakMap<AudioBuffer, Float32Array>();
function envelope(buffer: AudioBuffer, duration: number): Float32Array {
  const cached = envelopes.get(buffer);
  if (cached) return cached;
  const result = new Float32Array(COLUMNS * 2);
  const perColumn = (duration * buffer.sampleRate) / COLUMNS;
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const data = buffer.getChannelData(c);
    for (let column = 0; column < COLUMNS; column++) {
      const start = Math.floor(column * perColumn);
      const end = Math.min(data.length, Math.floor((column + 1) * perColumn));
      let low = result[column * 2];
      let high = result[column * 2 + 1];
      for (let i = start; i < end; i++) {
        const v = data[i];
        if (v < low) low = v;
        if (v > high) high = v;
      }
      result[column * 2] = low;
      result[column * 2 + 1] = high;
    }
  }
  envelopes.set(buffer, result);
  return result;
}

function drawWaveforms(
  canvas: HTMLCanvasElement,
  snapshot: StudioSnapshot,
  assets: ReadonlyMap<string, AudioBuffer>,
) {
  const g = canvas.getContext('2d');
  if (!g) return;
  const { tracks } = snapshot.doc;
  canvas.width = COLUMNS;
  canvas.height = RULER_HEIGHT + tracks.length * ROW_HEIGHT;
  g.fillStyle = '#111317';
  g.fillRect(0, 0, canvas.width, canvas.height);
  // The ruler: a tick every second, a label every 5.
  g.fillStyle = '#181b20';
  g.fillRect(0, 0, COLUMNS, RULER_HEIGHT);
  g.font = '10px system-ui, sans-serif';
  const duration = snapshot.duration || 1;
  for (let s = 0; s <= duration; s++) {
    const x = (s / duration) * COLUMNS;
    g.fillStyle = s % 5 === 0 ? '#8a93a0' : '#3a3f48';
    g.fillRect(x, s % 5 === 0 ? 8 : 13, 1, RULER_HEIGHT);
    if (s % 5 === 0) g.fillText(formatClock(s).replace(/\.0$/, ''), x + 3, 10);
  }
  tracks.forEach((track, row) => {
    const top = RULER_HEIGHT + row * ROW_HEIGHT;
    const middle = top + ROW_HEIGHT / 2;
    g.fillStyle = row % 2 ? '#14161a' : '#121418';
    g.fillRect(0, top, COLUMNS, ROW_HEIGHT);
    const buffer = track.source ? assets.get(track.source.asset) : undefined;
    if (!buffer) return;
    const peaks = envelope(buffer, duration);
    g.fillStyle = track.mute ? '#3a3f48' : '#4ea1f3';
    for (let column = 0; column < COLUMNS; column++) {
      const low = peaks[column * 2];
      const high = peaks[column * 2 + 1];
      const y1 = middle - high * (ROW_HEIGHT / 2 - 2);
      const y2 = middle - low * (ROW_HEIGHT / 2 - 2);
      g.fillRect(column, y1, 1, Math.max(1, y2 - y1));
    }
  });
}

export function Timeline() {
  const studio = useStudio();
  const snapshot = useSnapshot();
  const { doc, duration, loop } = snapshot;
  const waveforms = useRef<HTMLCanvasElement>(null);
  const playhead = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLDivElement>(null);
  const drag = useRef<{ kind: 'seek' | 'loop'; from: number } | null>(null);

  // Waveforms change only with tracks (and their mute colour): redraw then, not every frame.
  const drawKey = useMemo(
    () => JSON.stringify([duration, doc.tracks.map((t) => [t.id, t.source?.asset, t.mute])]),
    [doc.tracks, duration],
  );
  const drawn = useRef('');
  useAnimationFrame(() => {
    if (waveforms.current && drawn.current !== drawKey) {
      drawWaveforms(waveforms.current, snapshot, studio.assets);
      drawn.current = drawKey;
    }
    if (playhead.current && duration > 0) {
      const position = Math.min(duration, studio.transport.position);
      playhead.current.style.left = `${(position / duration) * 100}%`;
      area.current?.setAttribute('aria-valuenow', position.toFixed(1));
      area.current?.setAttribute('aria-valuetext', formatClock(position));
    }
  });

  const timeAt = (clientX: number) => {
    const rect = area.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return Math.max(0, Math.min(duration, ((clientX - rect.left) / rect.width) * duration));
  };
  const onRuler = (clientY: number) => {
    const rect = area.current?.getBoundingClientRect();
    return rect
      ? clientY - rect.top < RULER_HEIGHT * (rect.height / (RULER_HEIGHT + doc.tracks.length * ROW_HEIGHT))
      : false;
  };

  return (
    <section className="timeline" aria-label="Timeline">
      <ul className="timeline-names" aria-hidden="true">
        <li className="ruler-label">
          {loop ? `Loop ${formatClock(loop.start)}–${formatClock(loop.end)}` : 'Drag ruler: loop'}
        </li>
        {doc.tracks.map((track) => (
          <li key={track.id}>{track.name}</li>
        ))}
      </ul>
      <div
        ref={area}
        className="timeline-area"
        role="slider"
        tabIndex={0}
        aria-label="Playhead"
        aria-valuemin={0}
        aria-valuemax={Number(duration.toFixed(1))}
        aria-valuenow={0 /* kept current every frame (see above) */}
        onKeyDown={(e) => {
          const step = e.shiftKey ? 5 : 1;
          if (e.key === 'ArrowRight') studio.seek(studio.transport.position + step);
          else if (e.key === 'ArrowLeft') studio.seek(studio.transport.position - step);
          else if (e.key === 'Home') studio.seek(0);
          else if (e.key === 'End') studio.seek(duration);
          else return;
          e.preventDefault();
        }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const time = timeAt(e.clientX);
          drag.current = { kind: onRuler(e.clientY) ? 'loop' : 'seek', from: time };
          if (drag.current.kind === 'seek') studio.seek(time);
        }}
        onPointerMove={(e) => {
          const current = drag.current;
          if (!current) return;
          const time = timeAt(e.clientX);
          if (current.kind === 'seek') studio.seek(time);
          else if (Math.abs(time - current.from) > 0.25) {
            studio.setLoop({ start: Math.min(time, current.from), end: Math.max(time, current.from) });
          }
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      >
        <canvas ref={waveforms} className="waveforms" />
        {loop && duration > 0 && (
          <div
            className="loop-region"
            style={{
              left: `${(loop.start / duration) * 100}%`,
              width: `${((loop.end - loop.start) / duration) * 100}%`,
            }}
          />
        )}
        <div ref={playhead} className="playhead" />
      </div>
    </section>
  );
}
