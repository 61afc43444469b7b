export const meterCss = `
.readouts { display: grid; gap: 6px; }
.readouts.primary { grid-template-columns: repeat(5, minmax(0, 1fr)); }
.readouts.secondary { grid-template-columns: repeat(6, minmax(0, 1fr)); }
.readout { display: flex; flex-direction: column; min-width: 0; background: #1b1e23; border-radius: 6px; padding: 4px 8px; }
.readout .lathe-label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.readout-value { font-size: 15px; font-weight: 600; font-variant-numeric: tabular-nums; }
.readout.big .readout-value { font-size: 24px; line-height: 1.15; }
.readout-line { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 4px; white-space: nowrap; }
.readout-unit { color: #8a93a0; font-size: 10px; }
.secondary .lathe-label { text-transform: none; letter-spacing: 0; font-size: 12px; }
.graph { flex: 1; min-height: 90px; border-radius: 6px; overflow: hidden; border: 1px solid #22262d; }
.correlation { display: grid; grid-template-columns: 7em 1fr auto; align-items: center; gap: 8px; }
.correlation .lathe-value { min-width: 3.2em; }
.correlation-track { position: relative; height: 10px; border-radius: 5px;
  background: linear-gradient(90deg, #5a2323, #23262d 50%, #1f4a33); }
.correlation-centre { position: absolute; left: 50%; top: -2px; bottom: -2px; width: 1px; background: #8a93a0; }
.correlation-marker { position: absolute; top: -3px; width: 4px; height: 16px; margin-left: -2px; border-radius: 2px; background: #5fd28a; }
.correlation-marker.negative { background: #ff6b6b; }
.target-row { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.verdict { font-weight: 600; }
button { white-space: nowrap; }
.label-short { display: none; }
@container (max-width: 560px) {
  .lathe-title small, .label-long { display: none; }
  .label-short { display: inline; }
  .readouts.secondary { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .readout.big .readout-value { font-size: 19px; }
  .graph { min-height: 60px; }
}
`;
