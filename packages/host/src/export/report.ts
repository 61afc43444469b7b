// The delivery report as plain text, to download beside the file.
import type { DeliveryReport } from './deliver.ts';

/** Longest text history: the step between lines grows (1 s, 2 s, 5 s …) to stay within it. */
const MAX_HISTORY_LINES = 60;
const HISTORY_STEPS_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];
/** Bars run from this loudness (empty) to 0 LUFS, one character per LU. */
const BAR_FLOOR_LUFS = -50;

const minus = (text: string) => text.replace(/-/g, '−');
const figure = (value: number, digits: number, unit: string) =>
  Number.isFinite(value)
    ? `${minus(value.toFixed(digits))} ${unit}`
    : value > 0
      ? `+∞ ${unit}`
      : `−∞ ${unit}`;

function clock(seconds: number): string {
  const whole = Math.round(seconds * 10) / 10;
  const minutes = Math.floor(whole / 60);
  const rest = whole - minutes * 60;
  const secondsText = Number.isInteger(rest)
    ? String(rest).padStart(2, '0')
    : rest.toFixed(1).padStart(4, '0');
  return `${minutes}:${secondsText}`;
}

function historyLines(report: DeliveryReport): string[] {
  const { start, interval, values } = report.shortTermHistory;
  if (values.length === 0) return ['  (the file is shorter than the 3 s short-term window)'];
  const span = (values.length - 1) * interval;
  const step =
    HISTORY_STEPS_SECONDS.find((s) => s >= interval && span / s < MAX_HISTORY_LINES) ??
    HISTORY_STEPS_SECONDS[HISTORY_STEPS_SECONDS.length - 1];
  const stride = Math.max(1, Math.round(step / interval));
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += stride) {
    const value = values[i];
    const bar = Number.isFinite(value)
      ? '#'.repeat(Math.max(0, Math.min(-BAR_FLOOR_LUFS, Math.round(value - BAR_FLOOR_LUFS))))
      : '';
    lines.push(
      `  ${clock(start + i * interval).padStart(7)}  ${figure(value, 1, 'LUFS').padStart(11)}  ${bar}`,
    );
  }
  return lines;
}

/** The report as readable plain text (UTF-8), for a download beside the file. */
export function formatReport(report: DeliveryReport): string {
  const { format, loudness, metadata, verdict } = report;
  const channelText =
    format.channels === 1 ? 'mono' : format.channels === 2 ? 'stereo' : `${format.channels} channels`;
  const sampleFormat = format.encoding === 'float32' ? '32-bit float' : `${format.bitDepth}-bit PCM`;
  const row = (label: string, value: string) => `${label.padEnd(22)}${value}`;
  const lines = [
    'Lathe delivery report',
    '=====================',
    '',
    row('Format', `WAV, ${sampleFormat}, ${format.sampleRate / 1000} kHz, ${channelText}`),
    row(
      'Length',
      `${clock(loudness.duration)} (${format.frames} samples per channel, ${format.bytes} bytes)`,
    ),
    row(
      'Sample rate',
      format.resampler
        ? `converted from ${format.sourceSampleRate / 1000} kHz by ${format.resampler}`
        : `as rendered (${format.sourceSampleRate / 1000} kHz)`,
    ),
    row('Dither', format.dither === 'tpdf' ? `TPDF, ±1 LSB (seed ${format.ditherSeed})` : 'none'),
  ];
  if (metadata.title !== undefined) lines.push(row('Title', metadata.title));
  if (metadata.artist !== undefined) lines.push(row('Artist', metadata.artist));
  if (metadata.isrc !== undefined) lines.push(row('ISRC', metadata.isrc));
  lines.push(
    '',
    'Measured on the delivered file (after any resampling and dither), ITU-R BS.1770 / EBU R128:',
    row('Integrated loudness', figure(loudness.integrated, 1, 'LUFS')),
    row('Loudness range', figure(loudness.loudnessRange, 1, 'LU')),
    row('True peak', figure(loudness.truePeak, 2, 'dBTP')),
    row('  (render before)', figure(report.renderTruePeak, 2, 'dBTP')),
    row('Sample peak', figure(loudness.samplePeak, 2, 'dBFS')),
    row('Max momentary', figure(loudness.momentaryMax, 1, 'LUFS')),
    row('Max short-term', figure(loudness.shortTermMax, 1, 'LUFS')),
    row('Peak to loudness', figure(loudness.plr, 1, 'LU')),
    row('Clipped samples', String(report.clippedSamples)),
  );
  if (report.ceilingDbtp !== null) {
    lines.push(
      row(
        'Ceiling',
        report.ceilingExceeded
          ? `EXCEEDED (${figure(report.ceilingDbtp, 2, 'dBTP')})`
          : `kept (${figure(report.ceilingDbtp, 2, 'dBTP')})`,
      ),
    );
    if (report.ceilingMessage) lines.push('', report.ceilingMessage);
  }
  if (verdict) {
    lines.push('', `Target: ${verdict.pass ? 'PASS' : 'FAIL'}: ${verdict.summary}`);
    for (const check of verdict.checks) {
      lines.push(
        `  ${check.pass ? 'ok  ' : 'FAIL'}  ${check.label}: ${figure(check.measured, 1, '').trim()}, needs ${check.limit}`,
      );
    }
  }
  lines.push('', 'Short-term loudness (3 s window) over time:', ...historyLines(report), '');
  return lines.join('\n');
}
