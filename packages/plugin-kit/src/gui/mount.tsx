// Mounts a plugin GUI into a detached element a foreign host can place anywhere. A shadow root
// keeps host styles out and ours in; the element starts at its natural size, can be resized by
// the user or the host (CSS width/height), and unmounts on `lathe-destroy` (sent by destroyGui).
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import type { LathePlugin } from '../module.ts';
import type { ParamTable } from '../params.ts';
import { themeCss } from './theme.ts';

export interface GuiOptions {
  /** The size the GUI is designed for, in CSS pixels; hosts may scale or resize it. */
  readonly naturalSize: { readonly width: number; readonly height: number };
  readonly minSize: { readonly width: number; readonly height: number };
  readonly css?: string;
}

export function mountGui<T extends ParamTable>(
  plugin: LathePlugin<T>,
  App: ComponentType<{ plugin: LathePlugin<T> }>,
  options: GuiOptions,
): HTMLElement {
  const element = document.createElement('div');
  element.dataset.latheGui = plugin.descriptor.identifier;
  element.dataset.naturalWidth = String(options.naturalSize.width);
  element.dataset.naturalHeight = String(options.naturalSize.height);
  Object.assign(element.style, {
    width: `${options.naturalSize.width}px`,
    height: `${options.naturalSize.height}px`,
    minWidth: `${options.minSize.width}px`,
    minHeight: `${options.minSize.height}px`,
  });
  const shadow = element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = themeCss + (options.css ?? '');
  const container = document.createElement('div');
  container.className = 'lathe-root';
  shadow.append(style, container);

  const root = createRoot(container);
  root.render(<App plugin={plugin} />);
  element.addEventListener('lathe-destroy', () => root.unmount(), { once: true });
  return element;
}
