// Browser-only parts of the kit (they need Web Audio and the WAM SDK).

export { defineDescriptor, type PluginDescriptorFields } from './descriptor.ts';
export { PROCESSOR_FILE } from './files.ts';
export { definePlugin, type GuiModule, type LathePlugin, type PluginDefinition } from './module.ts';
export { LatheNode, type TelemetryListener } from './node.ts';
