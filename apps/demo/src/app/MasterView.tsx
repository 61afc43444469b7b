// Mastering: the master chain with every plugin's GUI, the delivery target (which sets the meter's
// target) with its live pass/fail verdict, level-matched A/B of the whole chain, and a reference
// track played at the master's loudness.
import { lathePluginSlot, MASTER_ID } from '@lathe/host';
import { readFrame } from '@lathe/plugin-kit';
import { judge, meterTelemetry, TARGET_IDS, TARGETS, type TargetId } from '@lathe/plugin-meter';
import { useRef, useState } from 'react';
import { AUDIO_FILE_TYPES } from '../engine/assets.ts';
import { masterTarget } from '../engine/master-settings.ts';
import { PLUGINS_BASE } from '../engine/plugins.ts';
import { formatDb, formatReading } from './format.ts';
import { InsertList } from './InsertList.tsx';
import { PluginGui } from './PluginGui.tsx';
import { slotName } from './slots.ts';
import { useAnimationFrame, useSnapshot, useStudio } from './studio-context.ts';
import { useUi } from './ui-context.ts';

const METER_ID = 'audio.lathe.meter';

/** The master meter's readings and the verdict against the chosen target, refreshed 10× a second. */
function Readings({ target }: { target: TargetId }) {
  const studio = useStudio();
  const [readings, setReadings] = useState(() => readFrame(meterTelemetry, studio.masterReadings()));
  const last = useRef(0);
  useAnimationFrame(() => {
    const now = performance.now();
    if (now - last.current < 100) return;
    last.current = now;
    setReadings(readFrame(meterTelemetry, studio.masterReadings()));
  });
  const verdict = judge(target, readings);
  const measured = Number.isFinite(readings.integrated);
  return (
    <div className="readings">
      <dl>
        <div>
          <dt>Short-term</dt>
          <dd data-reading="short-term">{formatReading(readings.shortTerm, 'LUFS')}</dd>
        </div>
        <div>
          <dt>Integrated</dt>
          <dd data-reading="integrated">{formatReading(readings.integrated, 'LUFS')}</dd>
        </div>
        <div>
          <dt>Range</dt>
          <dd data-reading="range">{formatReading(readings.loudnessRange, 'LU')}</dd>
        </div>
        <div>
          <dt>True peak</dt>
          <dd data-reading="true-peak">{formatReading(readings.truePeak, 'dBTP')}</dd>
        </div>
      </dl>
      <p
        className={`verdict ${measured ? (verdict.pass ? 'pass' : 'fail') : ''}`}
        role="status"
        aria-live="polite"
      >
        {measured
          ? `${verdict.pass ? 'PASS' : 'FAIL'} — ${verdict.summary}`
          : 'Play to measure against the target.'}
      </p>
      {measured && (
        <ul className="checks">
          {verdict.checks.map((check) => (
            <li key={check.id} className={check.pass ? 'pass' : 'fail'}>
              {check.pass ? '✓' : '✗'} {check.label}: {formatReading(check.measured, '')} (needs {check.limit}
              )
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function MasterView() {
  const studio = useStudio();
  const ui = useUi();
  const { doc, bypassed, reference, listen } = useSnapshot();
  const [selected, setSelected] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const referenceInput = useRef<HTMLInputElement>(null);
  const inserts = doc.master.inserts;
  const slots = studio.slots(MASTER_ID);
  const meterIndex = inserts.findIndex((slot) => slot.identifier === METER_ID);
  const target = masterTarget(doc);

  const setTarget = (id: TargetId) =>
    studio.edit(`Delivery target: ${TARGETS[id].label}`, (draft) => {
      const slot = draft.master.inserts[meterIndex];
      const state = (slot.state ?? { version: 1, parameters: {} }) as {
        version: number;
        parameters: Record<string, unknown>;
      };
      slot.state = { ...state, parameters: { ...state.parameters, target: id } };
    });

  const toggleAb = async () => {
    setBusy(true);
    try {
      await studio.setMasterBypassed(bypassed === null);
    } catch (error) {
      studio.report(error, 'A/B');
    } finally {
      setBusy(false);
    }
  };

  const loadReference = async (file: File | undefined) => {
    if (!file) return;
    try {
      await studio.setReference(file);
    } catch (error) {
      studio.report(error, 'Reference');
    }
  };

  return (
    <div className="master-view">
      <section className="master-chain" aria-label="Master chain">
        <header>
          <h2>Master chain</h2>
          <button type="button" onClick={() => ui.openPresets({ kind: 'chain', owner: MASTER_ID })}>
            Chain presets…
          </button>
        </header>
        <InsertList owner={MASTER_ID} selected={selected} onSelect={setSelected} />
        <div className="chain-guis">
          {inserts.map((slotDoc, index) =>
            slots[index] ? (
              <PluginGui
                // biome-ignore lint/suspicious/noArrayIndexKey: a slot is its position in the chain
                key={`${index}:${slotDoc.identifier}`}
                slot={slots[index]}
                label={`${slotName(slots[index], slotDoc)} (master ${index + 1})`}
              />
            ) : null,
          )}
        </div>
      </section>
      <aside className="master-side" aria-label="Delivery">
        <section>
          <h2>Delivery target</h2>
          {meterIndex >= 0 ? (
            <label className="field">
              <span>Target</span>
              <select
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value as TargetId)}
                aria-label="Delivery target"
              >
                {TARGET_IDS.map((id) => (
                  <option key={id} value={id}>
                    {TARGETS[id].label}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <button
              type="button"
              onClick={() =>
                studio.edit('Add Lathe Loudness to Master', (draft) => {
                  draft.master.inserts.push(lathePluginSlot('audio.lathe.meter', {}, PLUGINS_BASE));
                })
              }
            >
              Add a loudness meter to judge the target
            </button>
          )}
          <p className="note">{TARGETS[target].note}</p>
          <Readings target={target} />
        </section>
        <section>
          <h2>A/B</h2>
          <button type="button" aria-pressed={bypassed !== null} disabled={busy} onClick={toggleAb}>
            {bypassed ? 'Listening to B: chain bypassed' : 'Listening to A: chain on'}
          </button>
          <p className="note">
            {bypassed
              ? `The unprocessed mix is raised by ${formatDb(bypassed.matchGainDb)} to match the chain’s loudness.`
              : 'B bypasses the whole chain at matched loudness, so you judge the sound, not the level.'}
          </p>
        </section>
        <section>
          <h2>Reference</h2>
          <input
            ref={referenceInput}
            type="file"
            accept={AUDIO_FILE_TYPES}
            hidden
            onChange={(e) => {
              void loadReference(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
          <button type="button" onClick={() => referenceInput.current?.click()}>
            {reference ? 'Change reference…' : 'Load a reference track…'}
          </button>
          {reference && (
            <>
              <p className="note">
                {reference.name}: {formatReading(reference.integrated, 'LUFS')}, played at the master’s
                loudness.
              </p>
              <fieldset className="segmented">
                <legend>Listen to</legend>
                {(['programme', 'reference'] as const).map((option) => (
                  <label key={option}>
                    <input
                      type="radio"
                      name="listen"
                      checked={listen === option}
                      onChange={() => studio.setListen(option)}
                    />
                    {option === 'programme' ? 'Master' : 'Reference'}
                  </label>
                ))}
              </fieldset>
            </>
          )}
        </section>
      </aside>
    </div>
  );
}
