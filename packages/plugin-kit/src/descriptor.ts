// The WAM descriptor of a Lathe plugin: each plugin states what is its own (identifier, name,
// description, keywords, I/O); the rest is the same for all Lathe plugins. The build writes this
// object to dist/descriptor.json, and the module carries the same object at run time.
import type { WamDescriptor } from '@webaudiomodules/api';

export const THUMBNAIL_FILE = 'thumbnail.svg';

export type PluginDescriptorFields = Pick<
  WamDescriptor,
  'identifier' | 'name' | 'description' | 'keywords' | 'version'
> &
  Partial<Omit<WamDescriptor, 'identifier' | 'name' | 'description' | 'keywords' | 'version'>>;

export function defineDescriptor(fields: PluginDescriptorFields): WamDescriptor {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/.test(fields.identifier)) {
    throw new Error(`Plugin identifier "${fields.identifier}" must be reverse-DNS, e.g. audio.lathe.meter`);
  }
  return {
    vendor: 'Lathe',
    apiVersion: '2.0.0',
    thumbnail: THUMBNAIL_FILE,
    isInstrument: false,
    website: 'https://github.com/lathe-audio/lathe',
    hasAudioInput: true,
    hasAudioOutput: true,
    hasAutomationInput: true,
    hasAutomationOutput: false,
    hasMidiInput: false,
    hasMidiOutput: false,
    hasMpeInput: false,
    hasMpeOutput: false,
    hasOscInput: false,
    hasOscOutput: false,
    hasSysexInput: false,
    hasSysexOutput: false,
    ...fields,
  };
}
