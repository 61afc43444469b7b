export const meterCss = `
.readouts { display: grid; grid-template-columns: repeat(auto-fill, minmax(96px, 1fr)); gap: 6px; }
.readout { display: flex; flex-direction: column; background: #1b1e23; border-radius: 6px; padding: 5px 8px; }
.readout.big { grid-column: span 1; }
.readout-value { font-size: 17px; font-weight: 600; font-variant-numeric: tabular-nums; }
.readout.big .readout-value { font-size: 26px; }
.readout-unit { color: #8a93a0; font-size: 10px; }
.graph { flex: 1; min-height: 80px; border-radius: 6px; overflow: hidden; border: 1px solid #22262d; }
.correlation { display: grid; grid-template-columns: 7em 1fr auto; align-items: center; gap: 8px; }
.correlation-track { position: relative; height: 10px; border-radius: 5px;
  background: linear-gradient(90deg, #5a2323, #23262d 50%, #1f4a33); }
.correlation-centre { position: absolute; left: 50%; top: -2px; bottom: -2px; width: 1px; background: #8a93a0; }
.correlation-marker { position: absolute; top: -3px; width: 4px; height: 16px; margin-left: -2px; border-radius: 2px; background: #5fd28a; }
.correlation-marker.negative { background: #ff6b6b; }
.target-row { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.verdict { font-weight: 600; }
@container (max-width: 430px) { .readout.big .readout-value { font-size: 20px; } }
`;
