import { useSyncExternalStore } from 'react';
import type { DeviceView, SourceStatus } from '../../../electron/common/site.js';
import type { ValueStore } from './external-store.js';
import type { SiteState } from './site-state.js';

// React's view of the stores in site-state.ts, kept apart so that plain-Node tests of the
// state need no React types.

export function useDevice(state: SiteState, id: string): DeviceView | undefined {
  return useSyncExternalStore(
    (l) => state.devices.subscribeKey(id, l),
    () => state.devices.get(id),
  );
}

export function useDeviceIds(state: SiteState): string[] {
  useSyncExternalStore(
    (l) => state.devices.subscribeAll(l),
    () => state.devices.keys().length,
  );
  return state.devices.keys();
}

export function useSources(state: SiteState): SourceStatus[] {
  const version = useSyncExternalStore(
    (l) => state.sources.subscribeAll(l),
    () => state.sources.getVersion(),
  );
  void version;
  return state.sources.keys().map((k) => state.sources.get(k)!);
}

export function useValue<V>(store: ValueStore<V>): V {
  return useSyncExternalStore(store.subscribe, store.get);
}
