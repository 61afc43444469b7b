// The mixer: a channel strip per track (inserts, pan, fader, meter, mute, solo, polarity), the mix
// bus with its chain, and the selected plugin's own GUI below.
import { GAIN_DB_MAX, MIX_ID, type TrackDoc } from '@lathe/host';
import { useState } from 'react';
import { chainOf } from '../engine/studio.ts';
import { formatDb, formatPan } from './format.ts';
import { InsertList } from './InsertList.tsx';
import { Meter } from './Meter.tsx';
import { PluginGui } from './PluginGui.tsx';
import { slotName } from './slots.ts';
import { useSnapshot, useStudio } from './studio-context.ts';
import { useUi } from './ui-context.ts';

/** The fader's bottom: below it is silence (−∞). */
const FADER_FLOOR_DB = -60;

interface Selection {
  owner: string;
  index: number;
}

function Fader({
  label,
  gainDb,
  onChange,
}: {
  label: string;
  gainDb: number;
  onChange: (db: number) => void;
}) {
  return (
    <input
      type="range"
      className="fader"
      min={FADER_FLOOR_DB}
      max={GAIN_DB_MAX}
      step={0.1}
      value={Math.max(FADER_FLOOR_DB, gainDb)}
      aria-label={`${label} fader`}
      aria-valuetext={formatDb(gainDb)}
      onChange={(e) => {
        const db = Number(e.currentTarget.value);
        onChange(db <= FADER_FLOOR_DB ? -120 : db);
      }}
      onDoubleClick={() => onChange(0)}
      title="Double-click: 0 dB"
    />
  );
}

function ChannelStrip({
  track,
  selection,
  onSelect,
}: {
  track: TrackDoc;
  selection: Selection | null;
  onSelect: (selection: Selection | null) => void;
}) {
  const studio = useStudio();
  const { id, name } = track;
  const set = (label: string, recipe: (t: TrackDoc) => void, mergeKey: string | null = null) =>
    studio.edit(
      label,
      (doc) => {
        const draft = doc.tracks.find((t) => t.id === id);
        if (draft) recipe(draft);
      },
      mergeKey,
    );
  const toggle = (field: 'mute' | 'solo' | 'invert', verb: string) => (
    <button
      type="button"
      className={`toggle ${field}`}
      aria-pressed={track[field]}
      aria-label={`${verb} ${name}`}
      title={verb}
      onClick={() =>
        set(`${track[field] ? 'Un' : ''}${verb.toLowerCase()} ${name}`, (t) => {
          t[field] = !t[field];
        })
      }
    >
      {field === 'mute' ? 'M' : field === 'solo' ? 'S' : 'Ø'}
    </button>
  );
  return (
    <section className="strip" aria-label={`Track ${name}`}>
      <input
        className="strip-name"
        value={name}
        aria-label="Track name"
        onChange={(e) => {
          const value = e.currentTarget.value;
          set(
            'Rename track',
            (t) => {
              t.name = value;
            },
            `name:${id}`,
          );
        }}
      />
      <InsertList
        owner={id}
        compact
        selected={selection?.owner === id ? selection.index : null}
        onSelect={(index) => onSelect(index === null ? null : { owner: id, index })}
      />
      <label className="pan">
        <span>{formatPan(track.pan)}</span>
        <input
          type="range"
          min={-1}
          max={1}
          step={0.01}
          value={track.pan}
          aria-label={`${name} pan`}
          aria-valuetext={formatPan(track.pan)}
          onChange={(e) => {
            const pan = Number(e.currentTarget.value);
            set(
              `Pan ${name}`,
              (t) => {
                t.pan = pan;
              },
              `pan:${id}`,
            );
          }}
          onDoubleClick={() =>
            set(`Centre ${name}`, (t) => {
              t.pan = 0;
            })
          }
        />
      </label>
      <div className="fader-row">
        <Fader
          label={name}
          gainDb={track.gainDb}
          onChange={(db) =>
            set(
              `Fader ${name}`,
              (t) => {
                t.gainDb = db;
              },
              `fader:${id}`,
            )
          }
        />
        <Meter label={name} read={() => studio.levels(id)} />
      </div>
      <output className="gain" aria-label={`${name} gain`}>
        {formatDb(track.gainDb)}
      </output>
      <div className="toggles">
        {toggle('mute', 'Mute')}
        {toggle('solo', 'Solo')}
        {toggle('invert', 'Invert polarity of')}
      </div>
    </section>
  );
}

export function MixView() {
  const studio = useStudio();
  const ui = useUi();
  const { doc } = useSnapshot();
  const [selection, setSelection] = useState<Selection | null>(null);
  const selectedDoc = selection ? chainOf(doc, selection.owner)[selection.index] : undefined;
  const selectedSlot = selection ? studio.slots(selection.owner)[selection.index] : undefined;

  return (
    <div className="mix-view">
      <fieldset className="mixer" aria-label="Mixer">
        {doc.tracks.map((track) => (
          <ChannelStrip key={track.id} track={track} selection={selection} onSelect={setSelection} />
        ))}
        <section className="strip mix-bus" aria-label="Mix bus">
          <span className="strip-name">Mix bus</span>
          <InsertList
            owner={MIX_ID}
            compact
            selected={selection?.owner === MIX_ID ? selection.index : null}
            onSelect={(index) => setSelection(index === null ? null : { owner: MIX_ID, index })}
          />
          <div className="fader-row">
            <Fader
              label="Mix bus"
              gainDb={doc.mix.gainDb}
              onChange={(db) =>
                studio.edit(
                  'Mix bus fader',
                  (draft) => {
                    draft.mix.gainDb = db;
                  },
                  'fader:mix',
                )
              }
            />
            <Meter label="Mix bus" read={() => studio.levels(MIX_ID)} />
          </div>
          <output className="gain" aria-label="Mix bus gain">
            {formatDb(doc.mix.gainDb)}
          </output>
        </section>
      </fieldset>
      {selection && selectedDoc && selectedSlot ? (
        <div className="editor">
          <header>
            <h2>
              {slotName(selectedSlot, selectedDoc)} <small>on {studio.ownerName(selection.owner)}</small>
            </h2>
            <div className="row">
              <button
                type="button"
                onClick={() =>
                  ui.openPresets({ kind: 'plugin', owner: selection.owner, index: selection.index })
                }
              >
                Plugin presets…
              </button>
              <button type="button" onClick={() => setSelection(null)} aria-label="Close plugin editor">
                Close
              </button>
            </div>
          </header>
          <PluginGui slot={selectedSlot} label={`${slotName(selectedSlot, selectedDoc)} editor`} />
        </div>
      ) : (
        <p className="hint">
          Choose a plugin in a channel’s inserts to open its editor; “+ Plugin” adds one.
        </p>
      )}
    </div>
  );
}
