// What the views show about plugin slots.
import { type ChainSlot, findLathePlugin, type PluginSlotDoc } from '@lathe/host';

/** A slot's plugin name: the loaded plugin's own, the Lathe table's, or the identifier. */
export function slotName(slot: ChainSlot | undefined, doc: PluginSlotDoc): string {
  if (slot?.plugin.kind === 'loaded' && slot.plugin.descriptor) return slot.plugin.descriptor.name;
  return findLathePlugin(doc.identifier)?.name ?? doc.identifier;
}
