// Sessions: the plan both renderers share, the Web Audio session, and the offline render.
export { type ChainSlot, CROSSFADE_SECONDS, InsertChain } from './chain.ts';
export { LoudnessMatch, METER_IDENTIFIER } from './loudness-match.ts';
export {
  MASTER_ID,
  type PlannedLane,
  type PlannedRoute,
  type PlannedSlot,
  planSession,
  type RenderPlan,
  type SlotAddress,
  type StripSettings,
} from './plan.ts';
export { type NodeRenderOptions, renderInNode } from './render-node.ts';
export {
  LATHE_RENDER_QUANTUM,
  type OfflineRenderOptions,
  renderOffline,
  type SessionRender,
} from './render-offline.ts';
export { type LaneChanges, Session, type SessionOptions } from './session.ts';
export { STRIP_IDENTIFIER, stripState } from './strip.ts';
