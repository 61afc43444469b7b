// The Lathe demo host: mix and master in the browser. One studio (AudioContext, session, transport)
// per page; the UI is React on top of it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { boot } from './app/boot.ts';
import { TrustQueue } from './app/trust-queue.ts';
import { Studio } from './engine/studio.ts';
import './style.css';

const trust = new TrustQueue();
const studio = new Studio(trust.ask);
// Tests and power users reach the studio from the console.
Object.assign(window, { lathe: studio });

const booted = boot(studio).catch((error: unknown) => {
  studio.report(error, 'The session could not be opened');
  return 'mix' as const;
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App studio={studio} trust={trust} booted={booted} />
  </StrictMode>,
);
