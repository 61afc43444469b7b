// The loudness report of a finished export, as measured on the delivered file: the figures, the target
// verdict with each check, the ceiling, the short-term loudness graph, and the two downloads.
import { type DeliveryReport, formatReport } from '@lathe/host';
import { TARGETS } from '@lathe/plugin-meter';
import { type Ref, useState } from 'react';
import { formatClock, formatReading } from '../app/format.ts';
import { saveFile } from '../app/save-file.ts';
import type { ExportResult, ExportSource } from './export-job.ts';
import { LoudnessGraph } from './LoudnessGraph.tsx';

interface ExportReportProps {
  result: ExportResult;
  source: ExportSource;
  /** Focus lands here when the export finishes. */
  firstAction: Ref<HTMLButtonElement>;
}

function formatDescription(report: DeliveryReport): string {
  const { format } = report;
  const sample = format.encoding === 'float32' ? '32-bit float' : `${format.bitDepth}-bit PCM`;
  const channels =
    format.channels === 1 ? 'mono' : format.channels === 2 ? 'stereo' : `${format.channels} channels`;
  const size = `${(format.bytes / 1_000_000).toFixed(1)} MB`;
  const conversion = format.resampler ? `, converted from ${format.sourceSampleRate / 1000} kHz` : '';
  const dither = format.dither === 'tpdf' ? ', TPDF dither' : '';
  return `WAV, ${sample}, ${format.sampleRate / 1000} kHz, ${channels}, ${formatClock(report.loudness.duration)}, ${size}${conversion}${dither}`;
}

function Ceiling({ report, source }: { report: DeliveryReport; source: ExportSource }) {
  if (report.ceilingDbtp === null) {
    return (
      <p className="note">
        {source === 'mix'
          ? 'No ceiling check: the mix is exported without the master chain.'
          : 'No ceiling check: the master chain has no active limiter.'}
      </p>
    );
  }
  const ceiling = formatReading(report.ceilingDbtp, 'dBTP');
  return report.ceilingExceeded ? (
    <div className="export-ceiling fail">
      <p>
        <strong>✗ Ceiling exceeded</strong>: true peak {formatReading(report.loudness.truePeak, 'dBTP', 2)} is
        above the limiter’s {ceiling}.
      </p>
      <p className="note">{report.ceilingMessage}</p>
    </div>
  ) : (
    <p className="export-ceiling pass">
      ✓ Ceiling kept: true peak {formatReading(report.loudness.truePeak, 'dBTP', 2)} stays within the
      limiter’s {ceiling}.
    </p>
  );
}

export function ExportReport({ result, source, firstAction }: ExportReportProps) {
  const { report, filename } = result;
  const { loudness, verdict } = report;
  const target = verdict ? TARGETS[verdict.targetId] : null;
  const [reportSaved, setReportSaved] = useState(false);
  const reportName = `${filename.replace(/\.wav$/i, '')}.report.txt`;
  const figures = [
    { label: 'Integrated', value: formatReading(loudness.integrated, 'LUFS') },
    { label: 'Loudness range', value: formatReading(loudness.loudnessRange, 'LU') },
    { label: 'True peak', value: formatReading(loudness.truePeak, 'dBTP', 2) },
    { label: 'Sample peak', value: formatReading(loudness.samplePeak, 'dBFS', 2) },
  ];

  return (
    <section
      className="export-report"
      aria-label="Loudness report"
      data-integrated={String(loudness.integrated)}
      data-true-peak={String(loudness.truePeak)}
      data-lra={String(loudness.loudnessRange)}
      data-filename={filename}
    >
      <header>
        <h3>Loudness report</h3>
        <p className="export-file">
          <span className="export-filename">{filename}</span>
          <small>{formatDescription(report)}</small>
        </p>
      </header>
      <div className="export-summary">
        <dl className="export-figures">
          {figures.map((figure) => (
            <div key={figure.label}>
              <dt>{figure.label}</dt>
              <dd>{figure.value}</dd>
            </div>
          ))}
        </dl>
        <div className="export-verdicts">
          {verdict && target && (
            <>
              <p className="export-target">Delivery target: {target.label}</p>
              <p className={`verdict ${verdict.pass ? 'pass' : 'fail'}`}>
                {verdict.pass ? '✓ PASS' : '✗ FAIL'} — {verdict.summary}
              </p>
              <ul className="checks" aria-label={`${target.label} checks`}>
                {verdict.checks.map((check) => (
                  <li key={check.id} className={check.pass ? 'pass' : 'fail'}>
                    {check.pass ? '✓' : '✗'} {check.label}: {formatReading(check.measured, '').trim()} (needs{' '}
                    {check.limit})
                  </li>
                ))}
              </ul>
            </>
          )}
          <Ceiling report={report} source={source} />
          {report.clippedSamples > 0 && (
            <p className="error">{report.clippedSamples} samples clipped at full scale when quantised.</p>
          )}
          {result.warnings.map((warning) => (
            <p key={warning} className="note">
              ⚠ {warning}
            </p>
          ))}
        </div>
      </div>
      {report.shortTermHistory.values.length > 0 && target ? (
        <LoudnessGraph
          history={report.shortTermHistory}
          duration={loudness.duration}
          integrated={loudness.integrated}
          target={target}
        />
      ) : (
        <p className="note">No loudness history: the file is shorter than the 3-second short-term window.</p>
      )}
      <div className="buttons">
        <button type="button" onClick={() => saveFile(result.bytes, filename, 'audio/wav')}>
          Download WAV again
        </button>
        <button
          ref={firstAction}
          type="button"
          className="primary"
          onClick={() => {
            saveFile(formatReport(report), reportName, 'text/plain;charset=utf-8');
            setReportSaved(true);
          }}
        >
          Download report
        </button>
      </div>
      <p className="note" role="status">
        {reportSaved ? `Saved ${reportName}.` : ''}
      </p>
    </section>
  );
}
