import type { SiteState } from '../../state/site-state.js';
import type { ApiClient } from '../../transport/api-client.js';
import { AlarmIndex, liveSource } from '../../scene/live-source.js';
import type { LiveSiteSource } from '../../scene/scene-extension.js';

/**
 * The scene's live source for the console: readings and the worker count from SiteState, alarms
 * from `listAlarms` kept current by the shell's live channel (`SiteState.onEvent`), reloaded
 * whenever that link comes back.
 */
export function consoleLiveSource(client: ApiClient, state: SiteState): { live: LiveSiteSource; alarms: AlarmIndex; stop: () => void } {
  const alarms = new AlarmIndex();
  const listeners = new Set<(what: 'telemetry' | 'alarms' | 'workers') => void>();
  const emit = (what: 'telemetry' | 'alarms' | 'workers') => listeners.forEach((l) => l(what));
  let stopped = false;
  const reload = async () => {
    try {
      const list = await client.call('listAlarms', { state: 'annunciated' });
      if (stopped) return;
      alarms.load(list);
      emit('alarms');
    } catch {
      // The shell shows link and API errors; the scene keeps its last alarms.
    }
  };
  void reload();
  const offEvents = state.onEvent((event) => {
    if (event.type !== 'alarm') return;
    alarms.apply(event.event.alarm);
    emit('alarms');
  });
  const offLink = state.link.subscribe(() => {
    if (state.link.get() === 'live') void reload();
  });
  const offDevices = state.devices.subscribeAll(() => emit('telemetry'));
  const offWorkers = state.workersOnSite.subscribe(() => emit('workers'));
  const live = liveSource({
    values: (id) => state.devices.get(id)?.lastValues ?? undefined,
    workersOnSite: () => state.workersOnSite.get(),
    alarms,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    live,
    alarms,
    stop: () => {
      stopped = true;
      offEvents();
      offLink();
      offDevices();
      offWorkers();
      listeners.clear();
    },
  };
}
