// The transport: Tone.js's Transport keeps the time (play, stop, loop, seek) on the app's own
// AudioContext, and tells the session when to start its sources and where in the material.
import * as Tone from 'tone';

export interface TransportTarget {
  /** Start every source at context time `when`, `offset` seconds into the song. */
  start(when: number, offset: number): void;
  /** Stop every source at context time `when`. */
  stop(when: number): void;
}

export interface LoopRegion {
  start: number;
  end: number;
}

export class Transport {
  private readonly transport: ReturnType<typeof Tone.getTransport>;
  private duration = 0;

  constructor(context: AudioContext, target: TransportTarget) {
    // Tone wraps our native context: the session's WAM nodes live on that same context.
    Tone.setContext(new Tone.Context(context));
    this.transport = Tone.getTransport();
    this.transport.on('start', (when: number, offset?: number) => target.start(when, offset ?? 0));
    this.transport.on('loopStart', (when: number, offset?: number) => target.start(when, offset ?? 0));
    this.transport.on('stop', (when: number) => target.stop(when));
    this.transport.on('pause', (when: number) => target.stop(when));
    // Without looping, stop where the song ends.
    this.transport.scheduleRepeat(() => {
      if (!this.transport.loop && this.position >= this.duration && this.duration > 0) this.pause();
    }, 0.1);
  }

  get playing(): boolean {
    return this.transport.state === 'started';
  }

  /** Seconds into the song at the playhead. */
  get position(): number {
    return this.transport.seconds;
  }

  get loop(): LoopRegion | null {
    return this.transport.loop
      ? {
          start: Tone.Time(this.transport.loopStart).toSeconds(),
          end: Tone.Time(this.transport.loopEnd).toSeconds(),
        }
      : null;
  }

  /** The song's length: where play stops and the default loop ends. */
  setDuration(seconds: number): void {
    this.duration = seconds;
  }

  play(): void {
    if (this.playing) return;
    if (this.position >= this.duration) this.transport.seconds = 0;
    this.transport.start();
  }

  /** Stops and leaves the playhead where it is (press again to return to the start). */
  pause(): void {
    if (this.playing) this.transport.pause();
  }

  /** Stops and returns to the start (or the loop's start). */
  stop(): void {
    this.transport.stop();
    this.transport.seconds = this.loop?.start ?? 0;
  }

  seek(seconds: number): void {
    this.transport.seconds = Math.max(0, Math.min(seconds, this.duration));
  }

  setLoop(region: LoopRegion | null): void {
    if (region) {
      this.transport.setLoopPoints(region.start, region.end);
      this.transport.loop = true;
    } else {
      this.transport.loop = false;
    }
  }

  dispose(): void {
    this.transport.stop();
    this.transport.cancel();
    this.transport.off('start').off('loopStart').off('stop').off('pause');
  }
}
