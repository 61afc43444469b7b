export const eqCss = `
.lathe-header { min-height: 28px; }
.header-gain { display: flex; align-items: center; gap: 10px; }
.header-gain .lathe-slider { grid-template-columns: auto 110px auto; }
.header-gain .lathe-value { min-width: 4.5em; }
.auto-gain { color: #8a93a0; font-size: 11px; font-variant-numeric: tabular-nums; min-width: 5.5em; }
.graph { position: relative; flex: 1; min-height: 120px; border-radius: 6px; overflow: hidden;
  border: 1px solid #22262d; touch-action: none; }
.handle { position: absolute; width: 20px; height: 20px; margin: -10px 0 0 -10px; border-radius: 50%;
  display: grid; place-items: center; font-size: 11px; font-weight: 700; color: #101216;
  background: var(--band-color); border: 2px solid #101216; cursor: grab; user-select: none;
  box-shadow: 0 0 0 1px var(--band-color); }
.handle.off { background: #23262d; color: var(--band-color); opacity: 0.75; }
.handle.selected { box-shadow: 0 0 0 2px #f1f3f5; z-index: 1; }
.handle:active { cursor: grabbing; }
.handle[data-placement]::after { content: attr(data-placement); position: absolute; top: -11px; right: -9px;
  font-size: 9px; color: var(--band-color); }
.type-menu { position: absolute; top: 8px; right: 8px; z-index: 2; display: flex; flex-direction: column;
  background: #1b1e23; border: 1px solid #353a43; border-radius: 6px; padding: 4px; }
.type-menu button { border: 0; background: none; text-align: left; align-self: stretch; padding: 3px 10px; }
.type-menu button[aria-checked="true"] { color: #4ea1f3; }
.type-menu button:hover, .type-menu button:focus-visible { background: #2a2e35; }
.band-tabs { display: flex; gap: 4px; margin: 0; padding: 0; border: 0; min-width: 0; }
.band-tab { flex: 1; padding: 2px 0; font-weight: 700; border-color: #353a43; color: var(--band-color);
  border-bottom: 3px solid var(--band-color); }
.band-tab.off { opacity: 0.5; border-bottom-style: dashed; }
.band-tab[aria-pressed="true"] { background: #2a2e35; border-color: var(--band-color); }
.band-strip { margin: 0; padding: 4px 8px 6px; border: 1px solid #2a2e35; border-left: 3px solid var(--band-color);
  border-radius: 6px; display: flex; flex-direction: column; gap: 6px; min-width: 0; }
.band-strip legend { padding: 0 4px; font-size: 11px; color: var(--band-color); font-weight: 600; }
.strip-row { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.strip-row.sliders { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 14px; }
.strip-row .lathe-slider { grid-template-columns: auto minmax(30px, 1fr) auto; gap: 6px; }
.strip-row .lathe-value { min-width: 4.8em; }
.strip-row .lathe-toggle { align-self: center; }
button { white-space: nowrap; }
@container (max-width: 640px) {
  .lathe-title small { display: none; }
  .strip-row.sliders { gap: 8px; }
  .strip-row .lathe-label { letter-spacing: 0; }
  .strip-row .lathe-value { min-width: 4em; font-size: 12px; }
}
`;
