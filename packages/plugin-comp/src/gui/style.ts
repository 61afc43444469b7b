export const compCss = `
.comp-main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(150px, 0.8fr) auto minmax(260px, 1.4fr); gap: 10px; }
.curve { min-height: 0; aspect-ratio: 1; max-height: 100%; justify-self: center; width: 100%; }
.transfer { border-radius: 6px; border: 1px solid #22262d; }
.meters { display: flex; gap: 4px; min-height: 0; }
.controls { display: flex; flex-direction: column; gap: 3px; min-width: 0; overflow: hidden; }
.controls .lathe-slider { grid-template-columns: 8.5em 1fr 4.5em; gap: 6px; }
.controls .lathe-slider-track { height: 14px; }
.controls .lathe-value { min-width: 0; font-size: 12px; }
.selects { display: flex; gap: 10px; flex-wrap: wrap; margin-top: 2px; }
.history { height: 64px; }
@container (max-width: 640px) {
  .lathe-title small { display: none; }
  .comp-main { grid-template-columns: minmax(110px, 0.7fr) auto minmax(250px, 1.4fr); gap: 8px; }
  .lathe-meter { min-width: 34px; }
  .controls .lathe-slider { grid-template-columns: 7.2em 1fr 4.2em; gap: 4px; }
}
`;
