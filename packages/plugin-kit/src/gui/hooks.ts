import { useCallback, useEffect, useRef, useState } from 'react';
import type { LatheNode } from '../node.ts';
import type { ParamId, ParamTable, ParamValues } from '../params.ts';

interface AutomationEventDetail {
  data: { id: string; value: number; normalized?: boolean };
}

/**
 * Live parameter values of a node and a setter. Follows every change, whoever makes it (this GUI,
 * the host's automation, a preset), through the node's `wam-automation` events.
 */
export function useParameters<T extends ParamTable>(node: LatheNode<T>) {
  const [values, setValues] = useState<ParamValues<T> | null>(null);
  // Changes this GUI sent that the processor has not confirmed yet, per parameter. Their echoes
  // (wam-automation events) are older than what the GUI shows: applying them would undo the
  // newer values of fast key repeats or drags.
  const inFlight = useRef(new Map<string, number>());

  useEffect(() => {
    let live = true;
    node.getValues().then((v) => live && setValues(v));
    const onAutomation = (event: Event) => {
      const { data } = (event as CustomEvent<AutomationEventDetail>).detail;
      if (data.normalized) return; // our processor always reports plain values
      if (inFlight.current.get(data.id)) return;
      setValues((prev) => (prev ? { ...prev, [data.id]: data.value } : prev));
    };
    node.addEventListener('wam-automation', onAutomation);
    return () => {
      live = false;
      node.removeEventListener('wam-automation', onAutomation);
    };
  }, [node]);

  const setValue = useCallback(
    (id: ParamId<T>, value: number) => {
      setValues((prev) => (prev ? { ...prev, [id]: value } : prev));
      const pending = inFlight.current;
      pending.set(id, (pending.get(id) ?? 0) + 1);
      // The processor emits its events before it answers, so when this settles they have arrived.
      void node
        .setParameterValues({ [id]: { id, value, normalized: false } })
        .finally(() => pending.set(id, (pending.get(id) ?? 1) - 1));
    },
    [node],
  );

  return { values, setValue };
}

/** Calls `onFrame` with each telemetry frame; the frame is only valid during the call. */
export function useTelemetry(node: LatheNode, onFrame: (frame: Float64Array) => void): void {
  useEffect(() => node.subscribeTelemetry(onFrame), [node, onFrame]);
}
