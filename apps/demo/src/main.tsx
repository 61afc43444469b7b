// The Lathe demo host: a mastering chain of every published Lathe plugin (EQ → compressor →
// limiter → meter), each loaded by URL exactly as any WAM host would. Mixing, presets and the
// rest of the app arrive with their issues.
import { initializeWamHost } from '@webaudiomodules/sdk';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createProgramme } from './programme.ts';
import './style.css';

interface WamInstance {
  audioNode: AudioNode & { reset?: () => void };
  descriptor: { name: string };
  createGui(): Promise<HTMLElement>;
  destroyGui(gui: Element): void;
}
interface WamConstructor {
  createInstance(groupId: string, context: BaseAudioContext, state?: unknown): Promise<WamInstance>;
}
interface ChainSlot {
  name: string;
  url: string;
  wam: WamInstance;
}
interface Session {
  context: AudioContext;
  input: GainNode;
  chain: ChainSlot[];
  /** Plugins that failed to load: the chain plays without them. */
  failures: string[];
}

const pluginUrl = (name: string) => new URL(`plugins/${name}/index.js`, document.baseURI).href;

async function openSession(): Promise<Session> {
  const context = new AudioContext({ latencyHint: 'playback' });
  const [groupId] = await initializeWamHost(context);
  // The channel strip is published for hosts' mixers, not part of the mastering chain.
  const published = (await (await fetch('plugins/index.json')).json()) as string[];
  const names = published.filter((name) => name !== 'strip');
  const chain: ChainSlot[] = [];
  const failures: string[] = [];
  for (const name of names) {
    const url = pluginUrl(name);
    try {
      const { default: Plugin } = (await import(/* @vite-ignore */ url)) as { default: WamConstructor };
      chain.push({ name, url, wam: await Plugin.createInstance(groupId, context) });
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const input = new GainNode(context);
  let previous: AudioNode = input;
  for (const slot of chain) previous = previous.connect(slot.wam.audioNode);
  previous.connect(context.destination);
  return { context, input, chain, failures };
}

function PluginPanel({ slot }: { slot: ChainSlot }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const container = host.current;
    if (!container) return;
    let gui: HTMLElement | undefined;
    let live = true;
    slot.wam.createGui().then(
      (element) => {
        if (!live) return slot.wam.destroyGui(element);
        gui = element;
        container.append(element);
      },
      (e: unknown) => setError(`${slot.wam.descriptor.name}: its GUI failed to load (${String(e)})`),
    );
    return () => {
      live = false;
      if (gui) {
        slot.wam.destroyGui(gui);
        gui.remove();
      }
    };
  }, [slot]);
  return (
    <section className="plugin" aria-label={slot.wam.descriptor.name}>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div ref={host} />
    </section>
  );
}

function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const source = useRef<AudioBufferSourceNode | null>(null);

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
      const { context, input, chain } = await ensureSession();
      await context.resume();
      source.current?.stop();
      const buffer = await makeBuffer(context);
      const node = context.createBufferSource();
      node.buffer = buffer;
      node.connect(input);
      node.onended = () => {
        if (source.current === node) setPlaying(null);
      };
      for (const slot of chain) slot.wam.audioNode.reset?.();
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
      {session?.failures.map((failure) => (
        <p className="error" role="alert" key={failure}>
          Plugin left out of the chain: {failure}
        </p>
      ))}
      <div className="chain">
        {session?.chain.map((slot) => (
          <PluginPanel key={slot.name} slot={slot} />
        ))}
      </div>
      <footer>
        <p>Load these plugins into any WAM 2.0 host by URL:</p>
        <ul>
          {session?.chain.map((slot) => (
            <li key={slot.name}>
              {slot.wam.descriptor.name}: <code>{slot.url}</code>
            </li>
          ))}
        </ul>
      </footer>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
