// The Lathe demo host. Today it hosts the loudness meter (the EQ, compressor, limiter, mixing and
// mastering views arrive with their issues). It loads the plugin by URL, exactly as any WAM host.
import { initializeWamHost } from '@webaudiomodules/sdk';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createProgramme } from './programme.ts';
import './style.css';

interface WamInstance {
  audioNode: AudioNode & { reset?: () => void };
  createGui(): Promise<HTMLElement>;
  destroyGui(gui: Element): void;
}
interface WamConstructor {
  createInstance(groupId: string, context: BaseAudioContext, state?: unknown): Promise<WamInstance>;
}

const METER_URL = new URL('plugins/meter/index.js', document.baseURI).href;

interface Session {
  context: AudioContext;
  meter: WamInstance;
}

async function openSession(): Promise<Session> {
  const context = new AudioContext({ latencyHint: 'playback' });
  const [groupId] = await initializeWamHost(context);
  const { default: Meter } = (await import(/* @vite-ignore */ METER_URL)) as { default: WamConstructor };
  const meter = await Meter.createInstance(groupId, context);
  meter.audioNode.connect(context.destination);
  return { context, meter };
}

function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const source = useRef<AudioBufferSourceNode | null>(null);
  const guiHost = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!session || !guiHost.current) return;
    let gui: HTMLElement | undefined;
    const container = guiHost.current;
    session.meter.createGui().then(
      (element) => {
        gui = element;
        container.append(element);
      },
      (e: unknown) => setError(`The meter's GUI failed to load: ${String(e)}`),
    );
    return () => {
      if (gui) {
        session.meter.destroyGui(gui);
        gui.remove();
      }
    };
  }, [session]);

  const ensureSession = async (): Promise<Session> => {
    if (session) return session;
    const opened = await openSession();
    setSession(opened);
    return opened;
  };

  const play = async (
    name: string,
    makeBuffer: (context: AudioContext) => Promise<AudioBuffer> | AudioBuffer,
  ) => {
    setError(null);
    try {
      const { context, meter } = await ensureSession();
      await context.resume();
      source.current?.stop();
      const buffer = await makeBuffer(context);
      const node = context.createBufferSource();
      node.buffer = buffer;
      node.connect(meter.audioNode);
      node.onended = () => {
        if (source.current === node) setPlaying(null);
      };
      meter.audioNode.reset?.();
      node.start();
      source.current = node;
      setPlaying(name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const openFile = (file: File) =>
    play(file.name, async (context) => {
      try {
        return await context.decodeAudioData(await file.arrayBuffer());
      } catch {
        throw new Error(`"${file.name}" could not be decoded: use WAV, MP3, FLAC or OGG.`);
      }
    });

  return (
    <main
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        const file = event.dataTransfer.files[0];
        if (file) void openFile(file);
      }}
    >
      <header>
        <h1>Lathe</h1>
        <p>Mixing and mastering for the web, as Web Audio Module 2.0 plugins.</p>
      </header>
      <section className="transport" aria-label="Transport">
        <button type="button" onClick={() => play('Test programme', (context) => createProgramme(context))}>
          ▶ Play test programme
        </button>
        <label className="file">
          Open audio file…
          <input
            type="file"
            accept="audio/*,.wav,.mp3,.flac,.ogg"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void openFile(file);
            }}
          />
        </label>
        <button
          type="button"
          disabled={!playing}
          onClick={() => {
            source.current?.stop();
            setPlaying(null);
          }}
        >
          ■ Stop
        </button>
        <span className="status" aria-live="polite">
          {playing
            ? `Playing: ${playing}`
            : session
              ? 'Stopped'
              : 'Press play (or drop an audio file) to start'}
        </span>
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <section className="plugin" aria-label="Lathe Loudness">
        <div ref={guiHost} />
      </section>
      <footer>
        Load this meter into any WAM 2.0 host with the URL <code>{METER_URL}</code>
      </footer>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
