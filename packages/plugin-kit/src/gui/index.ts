export { type DrawFunction, useCanvas } from './canvas.ts';
export { ParamSelect, ParamSlider, ParamToggle } from './controls.tsx';
export { HistoryGraph, type HistoryGraphProps, HistoryRing } from './history.tsx';
export { useParameters, useTelemetry } from './hooks.ts';
export { LevelMeter, type LevelMeterProps } from './level-meter.tsx';
export { type GuiOptions, mountGui } from './mount.tsx';
export { themeCss } from './theme.ts';
