// initializeWamHost once per BaseAudioContext (OfflineAudioContext included): it installs the WAM
// environment and a host group in that context's AudioWorkletGlobalScope, which plugins need before
// createInstance. Every context gets its own group; a failed set-up is forgotten so it can be retried.
// The SDK is imported on first use: its classes extend AudioWorkletNode, which Node does not have,
// and the rest of @lathe/host (presets, the Node render, delivery files) must load in Node.

const groups = new WeakMap<BaseAudioContext, Promise<string>>();

// The SDK names groups after performance.now(), which is coarsened under cross-origin isolation;
// random ids cannot collide. getRandomValues works outside secure contexts, unlike randomUUID.
function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/** The WAM host group id of `context`, initializing the WAM host there on first use. */
export function wamGroupId(context: BaseAudioContext): Promise<string> {
  let group = groups.get(context);
  if (!group) {
    group = import('@webaudiomodules/sdk')
      .then(({ initializeWamHost }) => initializeWamHost(context, `lathe-host-${randomHex()}`, randomHex()))
      .then(([groupId]) => groupId);
    group.catch(() => groups.delete(context));
    groups.set(context, group);
  }
  return group;
}
