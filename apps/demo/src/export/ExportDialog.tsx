// The export dialog: choose what to render (master or mix), the file's format, its metadata and the
// delivery target; export with one progress bar across the render and the delivery, cancel at any
// moment; then the WAV downloads and the dialog shows its loudness report, measured on the file.
import {
  DELIVERY_SAMPLE_RATES,
  type DeliverySampleRate,
  normaliseMetadata,
  type TrackMetadata,
  WAV_ENCODINGS,
  type WavEncoding,
} from '@lathe/host';
import { TARGET_IDS, TARGETS, type TargetId } from '@lathe/plugin-meter';
import { useEffect, useId, useRef, useState } from 'react';
import { formatReading } from '../app/format.ts';
import { Modal } from '../app/Modal.tsx';
import { saveFile } from '../app/save-file.ts';
import { useSnapshot, useStudio } from '../app/studio-context.ts';
import { masterCeiling, masterTarget } from '../engine/master-settings.ts';
import { ExportReport } from './ExportReport.tsx';
import {
  type ExportProgress,
  type ExportResult,
  type ExportSource,
  type ExportStage,
  NothingToRenderError,
  runExport,
} from './export-job.ts';
import './export.css';

const SOURCES: readonly { id: ExportSource; label: string; description: string }[] = [
  { id: 'master', label: 'Master', description: 'The whole session through the master chain.' },
  { id: 'mix', label: 'Mix', description: 'The mix without the master chain, for mastering elsewhere.' },
];

const ENCODING_LABELS: Record<WavEncoding, string> = {
  pcm16: 'WAV 16-bit PCM',
  pcm24: 'WAV 24-bit PCM',
  float32: 'WAV 32-bit float',
};

const STAGE_LABELS: Record<ExportStage, string> = {
  rendering: 'Rendering…',
  resampling: 'Resampling…',
  encoding: 'Encoding…',
  measuring: 'Measuring…',
};

/** What is wrong with one metadata field as typed, in the host's own words, or null. */
function metadataError(field: keyof TrackMetadata, value: string): string | null {
  try {
    normaliseMetadata({ [field]: value }, 'metadata');
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(`metadata.${field}: `, '');
  }
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'done'; result: ExportResult; source: ExportSource }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const studio = useStudio();
  const { doc, name } = useSnapshot();
  const id = useId();
  const [source, setSource] = useState<ExportSource>('master');
  const [encoding, setEncoding] = useState<WavEncoding>('pcm24');
  const [sampleRate, setSampleRate] = useState<DeliverySampleRate>(44100);
  const [title, setTitle] = useState(name);
  const [artist, setArtist] = useState('');
  const [isrc, setIsrc] = useState('');
  const [targetId, setTargetId] = useState<TargetId>(() => masterTarget(doc));
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const job = useRef<AbortController | null>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const reportButton = useRef<HTMLButtonElement>(null);

  // Closing the dialog stops a running export.
  useEffect(() => () => job.current?.abort(), []);

  const running = progress !== null;
  const errors = {
    title: metadataError('title', title),
    artist: metadataError('artist', artist),
    isrc: metadataError('isrc', isrc),
  };
  const valid = !errors.title && !errors.artist && !errors.isrc;
  const ceiling = source === 'master' ? masterCeiling(doc) : null;

  // Focus follows the work: Cancel while it runs, then the report's download or Export again.
  useEffect(() => {
    if (running) cancelButton.current?.focus();
    else if (outcome.kind === 'done') reportButton.current?.focus();
    else if (outcome.kind !== 'none') exportButton.current?.focus();
  }, [running, outcome]);

  const start = async () => {
    const controller = new AbortController();
    job.current = controller;
    setOutcome({ kind: 'none' });
    setProgress({ stage: 'rendering', fraction: 0 });
    try {
      const result = await runExport(
        studio,
        { source, encoding, sampleRate, targetId, metadata: { title, artist, isrc } },
        (next) => {
          if (!controller.signal.aborted) setProgress(next);
        },
        controller.signal,
      );
      saveFile(result.bytes, result.filename, 'audio/wav');
      setOutcome({ kind: 'done', result, source });
    } catch (error) {
      if (controller.signal.aborted) setOutcome({ kind: 'cancelled' });
      else {
        const message = error instanceof Error ? error.message : String(error);
        setOutcome({
          kind: 'failed',
          message: error instanceof NothingToRenderError ? message : `Export failed: ${message}`,
        });
      }
    } finally {
      if (job.current === controller) job.current = null;
      setProgress(null);
    }
  };

  const stageText = progress ? `${STAGE_LABELS[progress.stage]} ${Math.round(progress.fraction * 100)}%` : '';

  return (
    <Modal title="Export" onClose={onClose} wide>
      <div className="export">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!running && valid) void start();
          }}
        >
          <fieldset className="export-settings" disabled={running}>
            <fieldset className="export-source">
              <legend>Render</legend>
              {SOURCES.map((option) => (
                <label key={option.id} className="export-choice">
                  <input
                    type="radio"
                    name={`${id}-source`}
                    value={option.id}
                    checked={source === option.id}
                    onChange={() => setSource(option.id)}
                    aria-label={option.label}
                    aria-describedby={`${id}-${option.id}`}
                  />
                  <span>
                    <strong>{option.label}</strong>
                    <small id={`${id}-${option.id}`}>{option.description}</small>
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="export-columns">
              <fieldset>
                <legend>Format</legend>
                <label className="field">
                  <span>Sample format</span>
                  <select
                    value={encoding}
                    onChange={(e) => setEncoding(e.currentTarget.value as WavEncoding)}
                  >
                    {WAV_ENCODINGS.map((value) => (
                      <option key={value} value={value}>
                        {ENCODING_LABELS[value]}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field">
                  <span>Sample rate</span>
                  <select
                    value={sampleRate}
                    onChange={(e) => setSampleRate(Number(e.currentTarget.value) as DeliverySampleRate)}
                  >
                    {DELIVERY_SAMPLE_RATES.map((rate) => (
                      <option key={rate} value={rate}>
                        {rate / 1000} kHz
                      </option>
                    ))}
                  </select>
                </label>
                <p className="note">
                  {encoding === 'float32'
                    ? 'Float keeps everything above full scale; no dither.'
                    : `TPDF dither to ${encoding === 'pcm16' ? 16 : 24} bits.`}{' '}
                  {sampleRate === studio.context.sampleRate
                    ? 'No rate conversion.'
                    : `Converted from ${studio.context.sampleRate / 1000} kHz by libsamplerate.`}
                </p>
              </fieldset>
              <fieldset>
                <legend>Metadata</legend>
                {(
                  [
                    ['title', 'Title', title, setTitle, ''],
                    ['artist', 'Artist', artist, setArtist, ''],
                    ['isrc', 'ISRC', isrc, setIsrc, 'GB-AAA-25-00001'],
                  ] as const
                ).map(([field, label, value, setValue, placeholder]) => (
                  <div key={field} className="field">
                    <label htmlFor={`${id}-${field}`}>{label}</label>
                    <input
                      id={`${id}-${field}`}
                      type="text"
                      value={value}
                      placeholder={placeholder}
                      spellCheck={field !== 'isrc'}
                      autoComplete="off"
                      aria-invalid={errors[field] !== null}
                      aria-describedby={errors[field] ? `${id}-${field}-error` : undefined}
                      onChange={(e) => setValue(e.currentTarget.value)}
                    />
                    {errors[field] && (
                      <p id={`${id}-${field}-error`} className="error export-field-error">
                        {errors[field]}
                      </p>
                    )}
                  </div>
                ))}
              </fieldset>
              <fieldset>
                <legend>Delivery</legend>
                <label className="field">
                  <span>Target</span>
                  <select value={targetId} onChange={(e) => setTargetId(e.currentTarget.value as TargetId)}>
                    {TARGET_IDS.map((target) => (
                      <option key={target} value={target}>
                        {TARGETS[target].label}
                      </option>
                    ))}
                  </select>
                </label>
                <p className="note">
                  {ceiling !== null
                    ? `True-peak ceiling checked: ${formatReading(ceiling, 'dBTP')} (the master limiter’s).`
                    : source === 'mix'
                      ? 'No ceiling check for the mix.'
                      : 'No ceiling check: the master chain has no active limiter.'}
                </p>
              </fieldset>
            </div>
          </fieldset>

          <div className="export-actions">
            <div className="export-progress" hidden={!running}>
              <progress
                max={1}
                value={progress?.fraction ?? 0}
                aria-label="Export progress"
                aria-valuetext={stageText}
              />
              <span className="export-stage" aria-hidden="true">
                {stageText}
              </span>
              <span className="visually-hidden" role="status">
                {progress ? STAGE_LABELS[progress.stage] : ''}
              </span>
            </div>
            {outcome.kind === 'cancelled' && (
              <p className="note" role="status">
                Export cancelled. Your settings are kept: export again when ready.
              </p>
            )}
            {outcome.kind === 'failed' && (
              <p className="error export-failure" role="alert">
                {outcome.message}
              </p>
            )}
            <div className="buttons">
              {running ? (
                <button
                  ref={cancelButton}
                  type="button"
                  className="danger"
                  onClick={() => job.current?.abort()}
                >
                  Cancel
                </button>
              ) : (
                <button type="button" onClick={onClose}>
                  Close
                </button>
              )}
              <button ref={exportButton} type="submit" className="primary" disabled={running || !valid}>
                Export
              </button>
            </div>
          </div>
        </form>
        {outcome.kind === 'done' && (
          <ExportReport result={outcome.result} source={outcome.source} firstAction={reportButton} />
        )}
      </div>
    </Modal>
  );
}
