// A plugin's own GUI, mounted as the plugin builds it (any WAM: createGui returns an element).
import type { ChainSlot } from '@lathe/host';
import { useEffect, useRef, useState } from 'react';

export function PluginGui({ slot, label }: { slot: ChainSlot; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { plugin } = slot;

  useEffect(() => {
    const container = host.current;
    if (!container || plugin.kind !== 'loaded') return;
    let gui: Element | undefined;
    let live = true;
    setError(null);
    plugin.wam.createGui().then(
      (element) => {
        if (!element) return setError('This plugin has no GUI of its own.');
        if (!live) return plugin.wam.destroyGui(element);
        gui = element;
        container.append(element);
      },
      (e: unknown) => setError(`Its GUI failed to open: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      live = false;
      if (gui) {
        plugin.wam.destroyGui(gui);
        gui.remove();
      }
    };
  }, [plugin]);

  if (plugin.kind === 'placeholder') {
    return (
      <section className="plugin-gui failed" aria-label={label}>
        <h3>{label}</h3>
        <p role="alert">
          Not loaded: {plugin.error.message}. The slot passes audio through and keeps its settings (
          {plugin.url}).
        </p>
      </section>
    );
  }
  return (
    <section className="plugin-gui" aria-label={label}>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div ref={host} className="plugin-gui-host" />
    </section>
  );
}
