// The Lathe look, shared by every plugin GUI: a dark studio palette, readable numerals, visible focus.
export const themeCss = `
:host { all: initial; display: block; box-sizing: border-box; overflow: hidden; resize: both;
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #e6e8eb; background: #15171b;
  border: 1px solid #2a2e35; border-radius: 8px; container-type: size; }
*, *::before, *::after { box-sizing: border-box; }
.lathe-root { width: 100%; height: 100%; display: flex; flex-direction: column; gap: 8px; padding: 10px; }
.lathe-header { display: flex; align-items: center; gap: 10px; }
.lathe-title { font-weight: 600; letter-spacing: 0.02em; }
.lathe-title small { color: #8a93a0; font-weight: 400; margin-left: 6px; }
.lathe-spacer { flex: 1; }
.lathe-label { color: #9aa3af; font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; }
.lathe-value { font-variant-numeric: tabular-nums; min-width: 5.5em; text-align: right; white-space: nowrap; }
.lathe-slider { display: grid; grid-template-columns: 7em 1fr auto; align-items: center; gap: 8px; }
.lathe-slider-track { position: relative; height: 18px; border-radius: 4px; background: #23262d; cursor: ew-resize; touch-action: none; }
.lathe-slider-fill { position: absolute; inset: 0 auto 0 0; border-radius: 4px; background: linear-gradient(90deg, #2f6fb0, #4ea1f3); }
.lathe-slider.vertical { grid-template-columns: auto; grid-template-rows: auto 1fr auto; justify-items: center; gap: 6px; min-height: 0; }
.lathe-slider.vertical .lathe-slider-track { width: 18px; height: 100%; min-height: 60px; cursor: ns-resize; }
.lathe-slider.vertical .lathe-slider-fill { inset: auto 0 0 0; background: linear-gradient(0deg, #2f6fb0, #4ea1f3); }
.lathe-slider.vertical .lathe-value { min-width: 0; text-align: center; }
.lathe-select { display: flex; align-items: center; gap: 8px; }
select, button { font: inherit; color: inherit; background: #23262d; border: 1px solid #353a43; border-radius: 5px; padding: 4px 8px; }
button { cursor: pointer; align-self: flex-start; }
button:hover, select:hover { border-color: #4b5260; }
.lathe-toggle[aria-checked="true"] { background: #2f6fb0; border-color: #4ea1f3; }
:focus-visible { outline: 2px solid #ffb547; outline-offset: 2px; }
.lathe-pass { color: #5fd28a; }
.lathe-fail { color: #ff6b6b; }
canvas { display: block; width: 100%; height: 100%; }
.lathe-meter { display: grid; grid-template-rows: auto 1fr auto; justify-items: center; gap: 4px; min-width: 44px; }
.lathe-meter-track { position: relative; width: 14px; height: 100%; min-height: 60px; border-radius: 3px; background: #1b1e23; overflow: hidden; }
.lathe-meter-fill { position: absolute; inset: 0; }
.lathe-meter.level .lathe-meter-fill { background: linear-gradient(0deg, #2f9e5f 0%, #5fd28a 70%, #ffb547 88%, #ff6b6b 100%); }
.lathe-meter.reduction .lathe-meter-fill { background: #ffb547; }
.lathe-meter-peak { position: absolute; left: 0; right: 0; height: 2px; background: #e6e8eb; }
.lathe-meter-value { font-variant-numeric: tabular-nums; font-size: 11px; color: #c9d1d9; }
.lathe-history { border-radius: 6px; border: 1px solid #22262d; }
`;
