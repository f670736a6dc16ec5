import type { DeviceConfig } from '../../config/site-schema.js';

/** A monitor the site file registers for HJ 212: its MN, access password and device id. */
export interface Hj212Monitor {
  deviceId: string;
  mn: string;
  password: string;
}

/** Who may upload: dust devices of the site file with an `hj212` identity, found by MN. */
export class Hj212MonitorDirectory {
  private readonly byMn = new Map<string, Hj212Monitor>();
  /** Site-file entries that were not taken, in words, for the start-up log. */
  readonly problems: string[] = [];

  constructor(devices: readonly DeviceConfig[]) {
    for (const device of devices) {
      if (!device.hj212) continue;
      if (device.kind !== 'dust') {
        this.problems.push(`device ${device.id} has an hj212 identity but is a ${device.kind}; only dust monitors speak HJ 212 here`);
        continue;
      }
      const taken = this.byMn.get(device.hj212.mn);
      if (taken) {
        this.problems.push(`devices ${taken.deviceId} and ${device.id} share MN ${device.hj212.mn}; ${device.id} ignored`);
        continue;
      }
      this.byMn.set(device.hj212.mn, { deviceId: device.id, mn: device.hj212.mn, password: device.hj212.password });
    }
  }

  find(mn: string): Hj212Monitor | undefined {
    return this.byMn.get(mn);
  }

  get size(): number {
    return this.byMn.size;
  }
}
