export const limiterCss = `
.limiter-main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 12px; }
.limiter-left { min-width: 0; min-height: 0; display: flex; flex-direction: column; gap: 8px; }
/* One grid for all sliders, so labels, tracks and values line up whatever their text. */
.limiter-controls { display: grid; grid-template-columns: max-content minmax(0, 1fr) max-content; align-items: center; gap: 6px 10px; }
.limiter-controls .lathe-slider { display: contents; }
.limiter-controls .lathe-label, .limiter-controls .lathe-value { white-space: nowrap; }
.limiter-controls .lathe-value { min-width: 4.6em; }
.limiter-graph { flex: 1; min-height: 40px; position: relative; }
.limiter-graph .lathe-history { position: absolute; inset: 0; }
.limiter-meters { display: flex; gap: 4px; min-height: 0; }
.limiter-readouts { display: flex; gap: 8px; align-items: baseline; white-space: nowrap; overflow: hidden; }
.limiter-readouts output { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 8px; }
.limiter-readouts .limiter-over { color: #ff6b6b; }
.lathe-header button { align-self: center; }
@container (max-width: 470px) {
  .lathe-title small, .limiter-latency { display: none; }
  .limiter-controls { column-gap: 8px; }
}
@container (max-height: 330px) {
  .limiter-controls { row-gap: 3px; }
  .lathe-slider-track { height: 14px; }
}
`;
