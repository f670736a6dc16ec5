import type { Service } from './service-registry.js';

/** A service built only when its turn to start comes (it needs something started before it). */
export function deferred(name: string, required: boolean, build: () => Service): Service {
  let instance: Service | null = null;
  return {
    name,
    required,
    start: async () => {
      instance = build();
      await instance.start();
    },
    stop: async () => {
      await instance?.stop();
    },
  };
}
