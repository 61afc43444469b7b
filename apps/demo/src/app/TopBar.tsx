// The bar across the top: the session's name, the transport (Tone.js Transport underneath), undo
// and redo, the two views, presets, audio files and export.
import { useRef } from 'react';
import { AUDIO_FILE_TYPES } from '../engine/assets.ts';
import type { View } from '../engine/studio.ts';
import { formatClock } from './format.ts';
import { useAnimationFrame, useSnapshot, useStudio } from './studio-context.ts';

interface TopBarProps {
  view: View;
  onView: (view: View) => void;
  onPresets: () => void;
  onExport: () => void;
  onAddFiles: (files: File[]) => void;
  onMasterFile: (file: File) => void;
  saved: string;
}

export function TopBar({ view, onView, onPresets, onExport, onAddFiles, onMasterFile, saved }: TopBarProps) {
  const studio = useStudio();
  const { name, playing, loop, duration, undoLabel, redoLabel } = useSnapshot();
  const clock = useRef<HTMLOutputElement>(null);
  const tracksInput = useRef<HTMLInputElement>(null);
  const mixInput = useRef<HTMLInputElement>(null);
  useAnimationFrame(() => {
    if (clock.current)
      clock.current.textContent = `${formatClock(studio.transport.position)} / ${formatClock(duration)}`;
  });

  return (
    <header className="top-bar">
      <div className="brand" aria-hidden="true">
        Lathe
      </div>
      <input
        className="session-name"
        aria-label="Session name"
        value={name}
        onChange={(e) => studio.rename(e.currentTarget.value)}
      />
      <fieldset className="transport" aria-label="Transport">
        <button
          type="button"
          className="play"
          aria-label={playing ? 'Pause (Space)' : 'Play (Space)'}
          aria-pressed={playing}
          onClick={() => (playing ? studio.pause() : void studio.play())}
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <button type="button" aria-label="Stop and return to start" onClick={() => studio.stop()}>
          ■
        </button>
        <button
          type="button"
          aria-label="Loop (L)"
          aria-pressed={loop !== null}
          onClick={() => studio.setLoop(loop ? null : { start: 0, end: duration })}
        >
          ⟲
        </button>
        <output ref={clock} className="clock" aria-label="Position" />
      </fieldset>
      <fieldset className="history" aria-label="History">
        <button
          type="button"
          disabled={!undoLabel}
          onClick={() => studio.undo()}
          title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
          aria-label={undoLabel ? `Undo ${undoLabel}` : 'Undo'}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          disabled={!redoLabel}
          onClick={() => studio.redo()}
          title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          aria-label={redoLabel ? `Redo ${redoLabel}` : 'Redo'}
        >
          ↷ Redo
        </button>
      </fieldset>
      <div className="tabs" role="tablist" aria-label="View">
        {(['mix', 'master'] as const).map((option) => (
          <button
            type="button"
            role="tab"
            key={option}
            id={`tab-${option}`}
            aria-controls="view"
            aria-selected={view === option}
            onClick={() => onView(option)}
          >
            {option === 'mix' ? 'Mix' : 'Master'}
          </button>
        ))}
      </div>
      <div className="actions">
        <input
          ref={tracksInput}
          type="file"
          accept={AUDIO_FILE_TYPES}
          multiple
          hidden
          onChange={(e) => {
            onAddFiles([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
        <input
          ref={mixInput}
          type="file"
          accept={AUDIO_FILE_TYPES}
          hidden
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) onMasterFile(file);
            e.currentTarget.value = '';
          }}
        />
        <button
          type="button"
          onClick={() => tracksInput.current?.click()}
          title="Or drop audio files anywhere"
        >
          Add tracks…
        </button>
        <button type="button" onClick={() => mixInput.current?.click()}>
          Master a mix…
        </button>
        <button type="button" onClick={onPresets}>
          Presets & sharing…
        </button>
        <button type="button" className="primary" onClick={onExport}>
          Export…
        </button>
        <span className="saved" role="status" aria-live="polite">
          {saved}
        </span>
      </div>
    </header>
  );
}
