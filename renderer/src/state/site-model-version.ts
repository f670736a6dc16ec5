import type { LiveEvent } from '../../../electron/common/api.js';
import { ValueStore } from './external-store.js';

/**
 * Goes up whenever the site model may have changed since the views fetched it: the core said so
 * (an admin moved or renamed a device), events were dropped (that may have been one), or the live
 * link came back (anything missed while it was down). Views holding the model fetch it again
 * (`useSiteModel`). No React here, so it is unit-tested under Node.
 */
export class SiteModelVersion extends ValueStore<number> {
  private readySeen = false;

  constructor() {
    super(0);
  }

  note(event: LiveEvent): void {
    if (event.type === 'siteModelChanged' || event.type === 'dropped') this.bump();
    else if (event.type === 'ready') {
      // The first one opens the link (views fetch on mount); a later one is a reconnection.
      if (this.readySeen) this.bump();
      this.readySeen = true;
    }
  }

  private bump(): void {
    this.set(this.get() + 1);
  }
}
