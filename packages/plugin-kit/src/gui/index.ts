export { ParamSelect, ParamSlider, ParamToggle } from './controls.tsx';
export { useParameters, useTelemetry } from './hooks.ts';
export { type GuiOptions, mountGui } from './mount.tsx';
export { themeCss } from './theme.ts';
