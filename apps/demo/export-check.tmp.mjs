import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { extname, join } from 'node:path';
import { measureLoudness } from '@lathe/plugin-meter';
const out = '/tmp/export-check';
const root = new URL('./dist/', import.meta.url).pathname;
const types = { '.js': 'text/javascript', '.html': 'text/html', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  try {
    const file = join(root, path.endsWith('/') ? path + 'index.html' : path);
    const data = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(data);
  } catch { res.writeHead(404); res.end(); }
}).listen(5198);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
page.on('console', (m) => { if (m.type() !== 'debug') console.log('[console]', m.type(), m.text()); });
page.on('pageerror', (e) => console.log('[pageerror]', e.message));
const workers = [];
page.on('worker', (w) => { const entry = { url: w.url(), closed: false }; workers.push(entry); w.on('close', () => { entry.closed = true; }); });
await page.goto('http://127.0.0.1:5198/');
await page.waitForSelector('.mixer', { timeout: 90000 });
await page.getByRole('button', { name: 'Export…' }).click();
const dialog = page.getByRole('dialog', { name: 'Export' });
await dialog.waitFor();
await page.screenshot({ path: `${out}/dialog-open.png` });
const stageText = () => dialog.locator('.export-stage').textContent();

// Validation as you type.
await dialog.getByLabel('ISRC').fill('GB-AA');
console.log('ISRC error:', await dialog.locator('.export-field-error').textContent(), '| Export enabled:', await dialog.getByRole('button', { name: 'Export', exact: true }).isEnabled());
await page.screenshot({ path: `${out}/dialog-isrc-error.png` });

const mode = process.argv[2] ?? 'all';

async function stages(until) {
  const seen = [];
  const t0 = Date.now();
  for (;;) {
    const text = (await stageText()) ?? '';
    const label = text.split(' ')[0];
    if (label && seen.at(-1)?.label !== label) seen.push({ label, at: Date.now() - t0, text });
    if (label) seen.last = { at: Date.now() - t0, text };
    if (await until(text)) { if (seen.last) seen.push(seen.last); return seen; }
    await page.waitForTimeout(50);
  }
}

if (mode === 'all' || mode === 'cancel') {
  // Cancel mid-render.
  await dialog.getByLabel('ISRC').fill('');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await stages(async (t) => /Rendering… ([2-9]\d)%/.test(t));
  let t = Date.now();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByText('Export cancelled.').waitFor();
  console.log('cancel mid-render: back in', Date.now() - t, 'ms; Export enabled:', await dialog.getByRole('button', { name: 'Export', exact: true }).isEnabled(), '; focus on', await page.evaluate(() => document.activeElement?.textContent));
  await page.screenshot({ path: `${out}/cancelled.png` });
  // Cancel mid-delivery.
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const seen = await stages(async (t) => /Resampling… ([5-7]\d)%/.test(t));
  console.log('stages before delivery cancel:', JSON.stringify(seen));
  const before = workers.filter((w) => !w.closed).length;
  t = Date.now();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByText('Export cancelled.').waitFor();
  await page.waitForTimeout(200);
  console.log('cancel mid-delivery: back in', Date.now() - t, 'ms; live workers before', before, 'after', workers.filter((w) => !w.closed).length, JSON.stringify(workers));
}

if (mode === 'all' || mode === 'export') {
  await dialog.getByLabel('Title').fill('Night Drive');
  await dialog.getByLabel('Artist').fill('The Lathes');
  await dialog.getByLabel('ISRC').fill('gb-aaa-25-00001');
  await dialog.getByRole('radio', { name: 'Master' }).check();
  await dialog.getByLabel('Sample format').selectOption('pcm24');
  await dialog.getByLabel('Sample rate').selectOption('44100');
  const download = page.waitForEvent('download', { timeout: 120000 });
  const t0 = Date.now();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  // The page stays responsive during delivery: time a few animation frames while resampling.
  const seen = await stages(async (t) => /Resampling… ([5-7]\d)%/.test(t));
  const frameGap = await page.evaluate(() => new Promise((resolve) => {
    const times = []; const tick = (now) => { times.push(now); if (times.length < 30) requestAnimationFrame(tick); else resolve(Math.max(...times.slice(1).map((v, i) => v - times[i]))); }; requestAnimationFrame(tick);
  }));
  console.log('stages:', JSON.stringify(seen), 'longest frame gap while resampling (ms):', frameGap.toFixed(1));
  const rest = await stages(async (t) => t === '');
  console.log('stages after:', JSON.stringify(rest));
  const file = await download;
  const report = dialog.getByRole('region', { name: 'Loudness report' });
  await report.waitFor({ timeout: 120000 });
  console.log('export took', Date.now() - t0, 'ms; suggested', file.suggestedFilename());
  const wav = `${out}/export.wav`;
  await file.saveAs(wav);
  const attrs = await report.evaluate((el) => ({ ...el.dataset }));
  console.log('data-:', JSON.stringify(attrs));
  await page.waitForTimeout(300);
  await dialog.screenshot({ path: `${out}/report-dialog.png` });
  await page.screenshot({ path: `${out}/report-page.png` });
  console.log('focused:', await page.evaluate(() => document.activeElement?.textContent));
  // Report download.
  const rd = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download report' }).click();
  const reportFile = await rd;
  await reportFile.saveAs(`${out}/report.txt`);
  console.log('report file:', reportFile.suggestedFilename());
  // ffprobe + measure.
  const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', wav]).toString());
  const s = probe.streams[0];
  console.log('ffprobe:', s.codec_name, s.sample_rate, s.channels, s.bits_per_sample ?? s.bits_per_raw_sample, JSON.stringify(probe.format.tags));
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', wav, '-f', 'f32le', '-acodec', 'pcm_f32le', '-'], { maxBuffer: 1 << 30 });
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const ch = [0, 1].map((c) => Float32Array.from({ length: all.length / 2 }, (_, i) => all[2 * i + c]));
  const m = measureLoudness(ch, Number(s.sample_rate));
  console.log('measureLoudness(ffmpeg decode): I', m.integrated, 'TP', m.truePeak, 'LRA', m.loudnessRange);
  console.log('equal to report:', m.integrated === Number(attrs.integrated), m.truePeak === Number(attrs.truePeak), m.loudnessRange === Number(attrs.lra));
}

if (mode === 'all' || mode === 'mix48') {
  await dialog.getByRole('radio', { name: 'Mix' }).check();
  await dialog.getByLabel('Sample format').selectOption('float32');
  await dialog.getByLabel('Sample rate').selectOption('48000');
  await dialog.getByLabel('Title').fill('Night Drive (mix)');
  const download = page.waitForEvent('download', { timeout: 120000 });
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const seen = await stages(async (t) => t === '');
  console.log('mix48 stages:', JSON.stringify(seen));
  const file = await download;
  const wav = `${out}/mix48.wav`;
  await file.saveAs(wav);
  const report = dialog.getByRole('region', { name: 'Loudness report' });
  const attrs = await report.evaluate((el) => ({ ...el.dataset }));
  const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', wav]).toString());
  const s = probe.streams[0];
  console.log('mix48 ffprobe:', s.codec_name, s.sample_rate, s.channels, JSON.stringify(probe.format.tags), 'data-:', JSON.stringify(attrs));
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', wav, '-f', 'f32le', '-acodec', 'pcm_f32le', '-'], { maxBuffer: 1 << 30 });
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const ch = [0, 1].map((c) => Float32Array.from({ length: all.length / 2 }, (_, i) => all[2 * i + c]));
  const m = measureLoudness(ch, Number(s.sample_rate));
  console.log('mix48 measure: I', m.integrated, 'TP', m.truePeak, 'equal:', m.integrated === Number(attrs.integrated), m.truePeak === Number(attrs.truePeak));
  console.log('mix48 ceiling text:', await report.getByText(/ceiling/i).first().textContent());
  await dialog.screenshot({ path: `${out}/mix48.png` });
}

if (mode === 'diag') {
  await dialog.getByLabel('ISRC').fill('');
  await dialog.getByLabel('Sample rate').selectOption('48000');
  await dialog.getByLabel('Sample format').selectOption('float32');
  for (const which of ['Mix', 'Mix', 'Master', 'Master', 'Master', 'Master']) {
    await dialog.getByRole('radio', { name: which }).check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const report = dialog.getByRole('region', { name: 'Loudness report' });
    await report.waitFor({ timeout: 120000 });
    const attrs = await report.evaluate((el) => ({ ...el.dataset }));
    console.log('diag', which, attrs.integrated, attrs.truePeak);
  }
}

if (mode === 'repeat') {
  for (let i = 0; i < 3; i++) {
    await dialog.getByLabel('ISRC').fill('');
    await dialog.getByLabel('Sample rate').selectOption('48000');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const report = dialog.getByRole('region', { name: 'Loudness report' });
    await report.waitFor({ timeout: 120000 });
    const attrs = await report.evaluate((el) => ({ ...el.dataset }));
    console.log('repeat', i, attrs.integrated, attrs.truePeak);
  }
}

if (mode === 'all' || mode === 'crash') {
  await page.route('**/delivery.worker-*.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("boom")' }));
  await dialog.getByRole('radio', { name: 'Mix' }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const alert = dialog.getByRole('alert');
  await alert.waitFor({ timeout: 120000 });
  console.log('crash alert:', await alert.textContent(), '| report still shown:', await dialog.getByRole('region', { name: 'Loudness report' }).count());
  await dialog.screenshot({ path: `${out}/crash.png` });
  await page.unroute('**/delivery.worker-*.js');
}
await browser.close();
server.close();
