// The studio: one AudioContext, the session playing in it, the document that describes it, and
// everything the app does to it. The document is the truth the UI edits: every edit records an undo
// step, makes the sound follow (ramped lane changes, one chain rewired, or a rebuild when routing
// changed) and is autosaved. Parameter changes made in plugin GUIs come back as edits too.
import {
  type ChainSlot,
  LoudnessMatch,
  MASTER_ID,
  MIX_ID,
  type PluginLoader,
  type PluginSlotDoc,
  Session,
  type SessionDoc,
  type TrackDoc,
} from '@lathe/host';
import { measureLoudness, meterTelemetry } from '@lathe/plugin-meter';
import { renderDefaultSong } from '../song/index.ts';
import { decodeAudioFile, importAudioFile, isSongAsset, loadStoredFile, stemOf } from './assets.ts';
import { canonicalJson, diffSessions, type SessionChange } from './diff.ts';
import { History } from './history.ts';
import { LevelTap } from './levels.ts';
import { type AskTrust, createLoader, METER_URL, STRIP_URL } from './plugins.ts';
import { type LoopRegion, Transport } from './transport.ts';

export const SAMPLE_RATE = 48_000;
export type View = 'mix' | 'master';
export type Listen = 'programme' | 'reference';

export interface StudioMessage {
  id: number;
  kind: 'error' | 'warning' | 'info';
  text: string;
}

export interface StudioSnapshot {
  /** Null once ready; otherwise what is being prepared. */
  loading: { text: string; progress: number | null } | null;
  name: string;
  doc: SessionDoc;
  /** Changes whenever plugins were loaded, moved or removed (views fetch their slots again). */
  slotsRevision: number;
  playing: boolean;
  loop: LoopRegion | null;
  /** Seconds of material (the longest track). */
  duration: number;
  undoLabel: string | null;
  redoLabel: string | null;
  messages: readonly StudioMessage[];
  /** The master chain bypassed for A/B, raised by `matchGainDb`; null while processing. */
  bypassed: { matchGainDb: number } | null;
  reference: { name: string; integrated: number } | null;
  listen: Listen;
}

/** Where a plugin sits: a chain (track/bus id, MIX_ID, MASTER_ID) and its index in it. */
export interface SlotAddress {
  owner: string;
  index: number;
}

/** How long after the last parameter change a plugin's state is read back for undo. */
const STATE_SETTLE_MS = 250;

export function lanesOf(doc: SessionDoc) {
  return [...doc.tracks, ...doc.buses];
}

/** The inserts of a chain in a document. */
export function chainOf(doc: SessionDoc, owner: string): PluginSlotDoc[] {
  if (owner === MASTER_ID) return doc.master.inserts;
  if (owner === MIX_ID) return doc.mix.inserts;
  const lane = lanesOf(doc).find((l) => l.id === owner);
  if (!lane) throw new RangeError(`no track or bus "${owner}"`);
  return lane.inserts;
}

/** A new track for `source`, its id unique in `doc` (ids never change once given). */
function newTrack(doc: SessionDoc, name: string, source: { asset: string; name: string }): TrackDoc {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'track';
  const taken = new Set([MIX_ID, ...lanesOf(doc).map((lane) => lane.id)]);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return {
    id,
    name,
    source,
    gainDb: 0,
    pan: 0,
    mute: false,
    solo: false,
    invert: false,
    output: MIX_ID,
    sends: [],
    inserts: [],
  };
}

export class Studio {
  readonly context: AudioContext;
  readonly loader: PluginLoader;
  readonly transport: Transport;
  readonly assets = new Map<string, AudioBuffer>();
  private session: Session | null = null;
  private readonly history = new History();
  private snapshot: StudioSnapshot;
  private readonly listeners = new Set<() => void>();
  private queue: Promise<void> = Promise.resolve();
  private messageId = 0;
  private readonly watchedNodes = new WeakSet<EventTarget>();
  private readonly settleTimers = new Map<EventTarget, ReturnType<typeof setTimeout>>();
  private taps = new Map<string, LevelTap>();
  private match: LoudnessMatch | null = null;
  private masterTelemetry: Float64Array = new Float64Array(meterTelemetry.size).fill(
    Number.NEGATIVE_INFINITY,
  );
  private stopTelemetry: (() => void) | null = null;
  /** Where the session plays; the reference track plays beside it, one of the two audible. */
  private readonly programmeOut: GainNode;
  private readonly referenceOut: GainNode;
  private referenceBuffer: AudioBuffer | null = null;
  private referenceSource: AudioBufferSourceNode | null = null;
  /** Called after each edit (the autosave listens). */
  onEdit: (() => void) | null = null;

  constructor(askTrust: AskTrust) {
    this.context = new AudioContext({ latencyHint: 'interactive', sampleRate: SAMPLE_RATE });
    this.loader = createLoader(askTrust);
    this.programmeOut = new GainNode(this.context);
    this.referenceOut = new GainNode(this.context, { gain: 0 });
    this.programmeOut.connect(this.context.destination);
    this.referenceOut.connect(this.context.destination);
    this.transport = new Transport(this.context, {
      start: (when, offset) => {
        this.session?.play(when, offset);
        this.startReference(when, offset);
      },
      stop: (when) => {
        this.session?.stop(when);
        this.referenceSource?.stop(when);
        this.emit();
      },
    });
    this.snapshot = {
      loading: { text: 'Starting the audio engine…', progress: null },
      name: 'Untitled session',
      doc: { tracks: [], buses: [], mix: { gainDb: 0, inserts: [] }, master: { inserts: [] } },
      slotsRevision: 0,
      playing: false,
      loop: null,
      duration: 0,
      undoLabel: null,
      redoLabel: null,
      messages: [],
      bypassed: null,
      reference: null,
      listen: 'programme',
    };
  }

  // ---- React's view of the studio -------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StudioSnapshot => this.snapshot;

  private update(changes: Partial<StudioSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of this.listeners) listener();
  }

  private emit(): void {
    this.update({
      playing: this.transport.playing,
      loop: this.transport.loop,
      undoLabel: this.history.undoLabel,
      redoLabel: this.history.redoLabel,
    });
  }

  get doc(): SessionDoc {
    return this.snapshot.doc;
  }

  // ---- messages --------------------------------------------------------------------------------

  say(kind: StudioMessage['kind'], text: string): void {
    const message = { id: ++this.messageId, kind, text };
    this.update({ messages: [...this.snapshot.messages, message].slice(-6) });
  }

  dismiss(id: number): void {
    this.update({ messages: this.snapshot.messages.filter((m) => m.id !== id) });
  }

  /** Reports a failure as a message; the session carries on. */
  report(error: unknown, context?: string): void {
    const text = error instanceof Error ? error.message : String(error);
    this.say('error', context ? `${context}: ${text}` : text);
  }

  // ---- opening sessions ------------------------------------------------------------------------

  /**
   * Replaces the whole session (undoable unless `fresh`): loads its audio and plugins, then swaps it in
   * while the transport keeps its place.
   */
  async open(doc: SessionDoc, name: string, options: { fresh?: boolean } = {}): Promise<void> {
    await this.loadAssets(doc);
    const before = this.doc;
    if (options.fresh) this.history.clear();
    else this.history.record(`Open “${name}”`, before, doc);
    this.update({ doc, name, duration: this.longestSource(doc) });
    this.transport.setDuration(this.snapshot.duration);
    await this.enqueue(() => this.rebuild());
    this.update({ loading: null });
    this.emit();
    this.onEdit?.();
  }

  /** Decodes or generates every asset the document plays that is not loaded yet. */
  private async loadAssets(doc: SessionDoc): Promise<void> {
    const wanted = doc.tracks.flatMap((t) => (t.source ? [t.source.asset] : []));
    const missing = wanted.filter((id) => !this.assets.has(id));
    if (missing.some(isSongAsset)) {
      this.update({ loading: { text: 'Generating the demo song with Tone.js…', progress: 0 } });
      const song = await renderDefaultSong({
        sampleRate: this.context.sampleRate,
        onProgress: (progress) =>
          this.update({ loading: { text: 'Generating the demo song with Tone.js…', progress } }),
      });
      for (const stem of song.stems) this.assets.set(`song:${stem.id}`, stem.buffer);
    }
    for (const id of missing.filter((asset) => !isSongAsset(asset))) {
      this.update({ loading: { text: 'Decoding your audio files…', progress: null } });
      try {
        const buffer = await loadStoredFile(this.context, id);
        if (buffer) this.assets.set(id, buffer);
        else {
          const track = doc.tracks.find((t) => t.source?.asset === id);
          this.say(
            'warning',
            `Track “${track?.name ?? id}” plays nothing: its audio file is not stored in this browser (shared links carry no audio). Drop the file on the track to bring it back.`,
          );
        }
      } catch (error) {
        this.report(error);
      }
    }
    for (const id of wanted.filter(isSongAsset)) {
      if (!this.assets.has(id)) this.say('warning', `The demo song has no stem “${stemOf(id)}”.`);
    }
  }

  private longestSource(doc: SessionDoc): number {
    let longest = 0;
    for (const track of doc.tracks) {
      const buffer = track.source ? this.assets.get(track.source.asset) : undefined;
      if (buffer) longest = Math.max(longest, buffer.duration);
    }
    return longest;
  }

  // ---- editing ---------------------------------------------------------------------------------

  /**
   * Changes the session: `recipe` edits a copy of the document. One undo step (merged with the
   * previous one when both carry the same `mergeKey`, as the steps of a fader drag do).
   */
  edit(label: string, recipe: (draft: SessionDoc) => void, mergeKey: string | null = null): void {
    const before = this.doc;
    const after = structuredClone(before);
    recipe(after);
    this.history.record(label, before, after, mergeKey);
    this.commit(before, after);
  }

  undo(): void {
    const step = this.history.undo();
    if (step) this.commit(this.doc, step.doc);
  }

  redo(): void {
    const step = this.history.redo();
    if (step) this.commit(this.doc, step.doc);
  }

  private commit(before: SessionDoc, after: SessionDoc): void {
    this.update({ doc: after, duration: this.longestSource(after) });
    this.transport.setDuration(this.snapshot.duration);
    this.emit();
    const changes = diffSessions(before, after);
    if (changes.length > 0) void this.enqueue(() => this.follow(changes));
    this.onEdit?.();
  }

  /** Runs session work one piece at a time, in order; a failure is reported and the queue goes on. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task).catch((error: unknown) => this.report(error));
    return this.queue;
  }

  private async follow(changes: readonly SessionChange[]): Promise<void> {
    const session = this.session;
    if (!session) return;
    let chainsChanged = false;
    let masterChanged = false;
    for (const change of changes) {
      if ('owner' in change && change.owner === MASTER_ID) masterChanged = true;
      switch (change.kind) {
        case 'rebuild':
          await this.rebuild();
          return;
        case 'lane':
          session.setLane(change.id, change.changes);
          break;
        case 'mixGain':
          session.setMixGain(change.gainDb);
          break;
        case 'bypass':
          session.setBypass(change.owner, change.index, change.bypass);
          break;
        case 'state': {
          const { plugin } = session.slots(change.owner)[change.index];
          if (plugin.kind === 'loaded') await plugin.node.setState(change.state);
          break;
        }
        case 'insert': {
          const slot = await session.insertPlugin(change.owner, change.index, change.slot);
          this.reportSlot(slot);
          chainsChanged = true;
          break;
        }
        case 'remove':
          await session.removePlugin(change.owner, change.index);
          chainsChanged = true;
          break;
        case 'move':
          await session.movePlugin(change.owner, change.from, change.to);
          chainsChanged = true;
          break;
      }
    }
    if (chainsChanged) this.connected();
    if (chainsChanged && masterChanged) await this.rematch();
    else if (masterChanged) this.match?.reset();
  }

  /** Builds the session of the current document and swaps it in; the transport keeps playing. */
  private async rebuild(): Promise<void> {
    const session = await Session.create(this.context, this.doc, {
      loader: this.loader,
      stripUrl: STRIP_URL,
      assets: this.assets,
      destination: this.programmeOut,
    });
    this.session?.destroy();
    this.session = session;
    await this.rematch();
    if (this.transport.playing) session.play(this.context.currentTime, this.transport.position);
    for (const warning of session.warnings) this.say('warning', warning);
    for (const owner of this.owners()) for (const slot of session.slots(owner)) this.reportSlot(slot);
    this.update({ bypassed: null });
    this.connected();
  }

  /** After the graph changed: meters, telemetry and state watchers follow the new nodes. */
  private connected(): void {
    const session = this.session;
    if (!session) return;
    for (const tap of this.taps.values()) tap.disconnect();
    this.taps = new Map(
      this.owners().map((owner) => [owner, new LevelTap(this.context, session.meterPoint(owner))]),
    );
    for (const owner of this.owners()) for (const slot of session.slots(owner)) this.watchState(slot);
    this.watchMasterMeter();
    this.update({ slotsRevision: this.snapshot.slotsRevision + 1 });
  }

  private owners(): string[] {
    return [...lanesOf(this.doc).map((lane) => lane.id), MIX_ID, MASTER_ID];
  }

  private reportSlot(slot: ChainSlot): void {
    if (slot.plugin.kind === 'placeholder') {
      this.say(
        'error',
        `A plugin did not load (${slot.plugin.error.message}). Its slot keeps its settings and passes audio through.`,
      );
    } else {
      for (const warning of slot.plugin.warnings) this.say('warning', warning);
    }
  }

  // ---- plugin parameters as undo steps -----------------------------------------------------------

  /** Follows a plugin's parameter changes (from its GUI) into the document, one undo step per gesture. */
  private watchState(slot: ChainSlot): void {
    if (slot.plugin.kind !== 'loaded') return;
    const { node } = slot.plugin;
    if (this.watchedNodes.has(node)) return;
    this.watchedNodes.add(node);
    node.addEventListener('wam-automation', () => {
      clearTimeout(this.settleTimers.get(node));
      this.settleTimers.set(
        node,
        setTimeout(() => void this.captureState(node), STATE_SETTLE_MS),
      );
    });
  }

  private async captureState(node: EventTarget): Promise<void> {
    const found = this.locate(node);
    if (!found) return;
    const { address, slot } = found;
    if (slot.plugin.kind !== 'loaded') return;
    const state = (await slot.plugin.getState()) as PluginSlotDoc['state'];
    const current = chainOf(this.doc, address.owner)[address.index];
    if (!current || canonicalJson(current.state) === canonicalJson(state)) return;
    // The plugin already sounds like this: record the step without sending the state back.
    const before = this.doc;
    const after = structuredClone(before);
    chainOf(after, address.owner)[address.index].state = state;
    const name = slot.plugin.descriptor?.name ?? slot.doc.identifier;
    this.history.record(
      `Change ${name} (${this.ownerName(address.owner)})`,
      before,
      after,
      `state:${address.owner}:${address.index}`,
    );
    this.update({ doc: after });
    this.emit();
    this.onEdit?.();
  }

  private locate(node: EventTarget): { address: SlotAddress; slot: ChainSlot } | null {
    if (!this.session) return null;
    for (const owner of this.owners()) {
      const slots = this.session.slots(owner);
      const index = slots.findIndex((s) => s.plugin.kind === 'loaded' && s.plugin.node === node);
      if (index >= 0) return { address: { owner, index }, slot: slots[index] };
    }
    return null;
  }

  ownerName(owner: string): string {
    if (owner === MASTER_ID) return 'Master';
    if (owner === MIX_ID) return 'Mix bus';
    return lanesOf(this.doc).find((lane) => lane.id === owner)?.name ?? owner;
  }

  // ---- what the views read ---------------------------------------------------------------------

  /** The loaded plugins (or placeholders) of a chain, in order. */
  slots(owner: string): ChainSlot[] {
    try {
      return this.session?.slots(owner) ?? [];
    } catch {
      return [];
    }
  }

  /** Peak levels of a lane as heard (after its fader, pan and mute), dBFS per channel. */
  levels(owner: string): [number, number] {
    return this.taps.get(owner)?.read() ?? [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  }

  /** The master meter's latest readings (meterTelemetry layout), −∞ while there is none. */
  masterReadings(): Float64Array {
    return this.masterTelemetry;
  }

  /** The session as saved: the document with every plugin's current state. */
  async currentDoc(): Promise<SessionDoc> {
    return this.session ? this.session.toDoc() : structuredClone(this.doc);
  }

  /** Samples the output lags the sources by. */
  get latency(): number {
    return this.session?.latency ?? 0;
  }

  private watchMasterMeter(): void {
    this.stopTelemetry?.();
    this.stopTelemetry = null;
    const meter = this.slots(MASTER_ID).find(
      (slot) => slot.plugin.kind === 'loaded' && slot.plugin.identifier === 'audio.lathe.meter',
    );
    if (meter?.plugin.kind !== 'loaded') return;
    const node = meter.plugin.node as unknown as {
      subscribeTelemetry(listener: (frame: Float64Array) => void): () => void;
    };
    this.stopTelemetry = node.subscribeTelemetry((frame) => this.masterTelemetry.set(frame));
  }

  // ---- names and audio files ----------------------------------------------------------------------

  /** Renames the session (what saves, links and exports are called). */
  rename(name: string): void {
    this.update({ name });
    this.onEdit?.();
  }

  /** Adds each file as a new track (one undo step each); a file that does not decode is a message. */
  async addAudioFiles(files: readonly File[]): Promise<void> {
    for (const file of files) {
      try {
        const { assetId, buffer } = await importAudioFile(this.context, file);
        this.assets.set(assetId, buffer);
        const name = file.name.replace(/\.[^.]+$/, '') || 'Audio';
        this.edit(`Add track “${name}”`, (doc) => {
          doc.tracks.push(newTrack(doc, name, { asset: assetId, name: file.name }));
        });
      } catch (error) {
        this.report(error);
      }
    }
  }

  /** Opens a finished stereo mix for mastering: one track, the default mastering chain. */
  async masterFile(file: File, masterChain: PluginSlotDoc[]): Promise<void> {
    const { assetId, buffer } = await importAudioFile(this.context, file);
    this.assets.set(assetId, buffer);
    const name = file.name.replace(/\.[^.]+$/, '') || 'Mix';
    const doc: SessionDoc = {
      tracks: [],
      buses: [],
      mix: { gainDb: 0, inserts: [] },
      master: { inserts: masterChain },
    };
    doc.tracks.push(newTrack(doc, name, { asset: assetId, name: file.name }));
    await this.open(doc, name);
  }

  // ---- adding plugins ---------------------------------------------------------------------------

  /**
   * Loads a plugin by URL (a foreign origin asks the user first) to learn what it is, then inserts
   * it at the end of `owner`'s chain. A failure leaves the session as it was.
   */
  async addPluginByUrl(owner: string, url: string): Promise<void> {
    if (!this.session) return;
    const probe = await this.session.loadPlugin({ url: url.trim() });
    if (probe.kind === 'placeholder') throw probe.error;
    const slot: PluginSlotDoc = {
      identifier: probe.identifier,
      version: probe.version ?? '',
      url: probe.url,
      state: null,
      bypass: false,
    };
    probe.destroy();
    const name = probe.descriptor?.name ?? probe.identifier;
    this.edit(`Add ${name} to ${this.ownerName(owner)}`, (doc) => {
      chainOf(doc, owner).push(slot);
    });
  }

  // ---- A/B and reference ------------------------------------------------------------------------

  /**
   * Bypasses the master chain with its dry signal raised by what the chain adds (measured by two
   * meters around it since A/B was first used), so the comparison is of sound, not loudness.
   */
  async setMasterBypassed(bypassed: boolean): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (!bypassed) {
      session.setChainBypass(MASTER_ID, false);
      this.update({ bypassed: null });
      return;
    }
    const difference = (await this.match?.difference()) ?? null;
    if (difference === null) {
      this.say(
        'info',
        'A/B: play a few seconds first, so the chain’s loudness can be matched. Compared unmatched for now.',
      );
    }
    const matchGainDb = difference ?? 0;
    session.setChainBypass(MASTER_ID, true, matchGainDb);
    this.update({ bypassed: { matchGainDb } });
  }

  /**
   * Two meters around the master chain measure what it adds, from the moment the chain is built
   * (A/B needs playing time to match). Rebuilt with the chain; a meter that fails to load only
   * leaves A/B unmatched.
   */
  private async rematch(): Promise<void> {
    this.match?.detach();
    this.match = null;
    if (!this.session) return;
    try {
      this.match = await LoudnessMatch.attach(this.session, MASTER_ID, METER_URL);
    } catch (error) {
      this.report(error, 'A/B loudness matching is unavailable');
    }
  }

  /** Loads a reference track and measures its integrated loudness (to play it as loud as the master). */
  async setReference(file: File): Promise<void> {
    const buffer = await decodeAudioFile(this.context, file);
    const channels = Array.from({ length: Math.min(2, buffer.numberOfChannels) }, (_, c) =>
      buffer.getChannelData(c),
    );
    this.referenceBuffer = buffer;
    this.update({
      reference: { name: file.name, integrated: measureLoudness(channels, buffer.sampleRate).integrated },
    });
    if (this.transport.playing) this.startReference(this.context.currentTime, this.transport.position);
    this.matchReference();
  }

  /** Switches between the master and the reference (short crossfade). */
  setListen(listen: Listen): void {
    this.matchReference();
    const now = this.context.currentTime;
    for (const [gain, on] of [
      [this.programmeOut.gain, listen === 'programme'],
      [this.referenceOut.gain, listen === 'reference'],
    ] as const) {
      const target = on ? (gain === this.referenceOut.gain ? this.referenceGain() : 1) : 0;
      gain.cancelScheduledValues(now);
      gain.setValueAtTime(gain.value, now);
      gain.linearRampToValueAtTime(target, now + 0.03);
    }
    this.update({ listen });
  }

  /** The reference plays as loud as the master reads (or the target asks, before there is a reading). */
  private referenceGain(): number {
    const reference = this.snapshot.reference;
    if (!reference || !Number.isFinite(reference.integrated)) return 1;
    const master = this.masterTelemetry[meterTelemetry.index.integrated];
    const aim = Number.isFinite(master) ? master : -14;
    return 10 ** ((aim - reference.integrated) / 20);
  }

  private matchReference(): void {
    if (this.snapshot.listen === 'reference') this.referenceOut.gain.value = this.referenceGain();
  }

  private startReference(when: number, offset: number): void {
    this.referenceSource?.stop(when);
    this.referenceSource = null;
    if (!this.referenceBuffer || offset >= this.referenceBuffer.duration) return;
    const source = new AudioBufferSourceNode(this.context, { buffer: this.referenceBuffer });
    source.connect(this.referenceOut);
    source.start(when, offset);
    this.referenceSource = source;
  }

  // ---- transport ---------------------------------------------------------------------------------

  async play(): Promise<void> {
    await this.context.resume();
    this.transport.play();
    this.emit();
  }

  pause(): void {
    this.transport.pause();
    this.emit();
  }

  stop(): void {
    this.transport.stop();
    this.emit();
  }

  seek(seconds: number): void {
    this.transport.seek(seconds);
    this.emit();
  }

  setLoop(region: LoopRegion | null): void {
    this.transport.setLoop(region);
    this.emit();
  }
}
