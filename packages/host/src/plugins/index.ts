// Loading WAM 2.0 plugins by URL: trust policy, integrity pins, contained failures.
export { type ForeignDescriptor, type PluginDescriptor, parseDescriptor } from './descriptor.ts';
export { PluginLoadError, type PluginLoadErrorCode } from './errors.ts';
export { integrityOf } from './integrity.ts';
export {
  type LoadedPlugin,
  PluginLoader,
  type PluginLoaderOptions,
  type PluginPlaceholder,
  type PluginRequest,
} from './loader.ts';
export {
  denormalizeParameterValue,
  formatParameterValue,
  normalizeParameterValue,
  type ParameterInfoResult,
  type PluginParameter,
  type PluginParameterType,
  readParameterInfo,
} from './parameter-info.ts';
export {
  isWamConstructor,
  type WamNode,
  type WebAudioModule,
  type WebAudioModuleConstructor,
} from './wam.ts';
export { wamGroupId } from './wam-host.ts';
