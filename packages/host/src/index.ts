// @lathe/host: mix and master with WAM 2.0 plugins — Lathe's and anyone else's.
export * from './export/index.ts';
export * from './plugins/index.ts';
export * from './presets/index.ts';
export * from './session/index.ts';
