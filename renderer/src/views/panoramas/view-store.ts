import { useSyncExternalStore } from 'react';
import { clampView, type ViewState } from '../../../../electron/common/panorama/view-math.js';

/**
 * Where the viewer looks, outside React. Two viewers sharing one store look the same way with the
 * same zoom: that is the synchronised comparison of two dates.
 */
export class ViewStore {
  private readonly listeners = new Set<() => void>();
  constructor(private view: ViewState) {}

  get = (): ViewState => this.view;

  set(view: ViewState): void {
    this.view = clampView(view);
    this.listeners.forEach((l) => l());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function useView(store: ViewStore): ViewState {
  return useSyncExternalStore(store.subscribe, store.get);
}
