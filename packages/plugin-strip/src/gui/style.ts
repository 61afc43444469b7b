export const stripCss = `
.strip-main { flex: 1; min-height: 0; display: grid; grid-template-columns: 1fr auto; gap: 8px; }
.strip-main .lathe-slider.vertical .lathe-slider-track { width: 28px; margin: 5px 0; }
.strip-main .lathe-slider.vertical .lathe-slider-fill { background: linear-gradient(0deg, #1d3f63, #2f6fb0); }
/* The fader cap rides on top of the fill. */
.strip-main .lathe-slider-fill::after { content: ''; position: absolute; left: -5px; right: -5px; top: -5px; height: 10px;
  border-radius: 3px; background: #d5dae1; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.6); }
.strip-meters { display: flex; gap: 2px; min-height: 0; }
.strip-meters .lathe-meter { min-width: 38px; }
.lathe-slider { grid-template-columns: 3em 1fr 3.2em; gap: 6px; }
.lathe-slider .lathe-value { min-width: 0; }
.strip-toggles { display: flex; gap: 8px; }
.strip-mute .lathe-toggle[aria-checked="true"] { background: #8a5a12; border-color: #ffb547; }
.strip-delay { display: grid; grid-template-columns: 3em 5.5em 1fr; align-items: center; gap: 6px; min-width: 0; }
.strip-delay input { font: inherit; font-variant-numeric: tabular-nums; color: inherit; background: #23262d;
  border: 1px solid #353a43; border-radius: 5px; padding: 3px 6px; width: 100%; }
.strip-unit { display: flex; flex-direction: column; color: #8a93a0; font-size: 11px; line-height: 1.25; white-space: nowrap; }
`;
