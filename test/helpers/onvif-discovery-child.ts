import { createSocket } from 'node:dgram';
import { OnvifClient } from '../../electron/core/onvif/onvif-client.js';
import { discoverOnvifDevices } from '../../electron/core/onvif/ws-discovery.js';
import { DiscoveryResponder, type DiscoveryAnnouncement } from '../../electron/core/sim/onvif/discovery-responder.js';
import { SimulatedOnvifCamera } from '../../electron/core/sim/onvif/onvif-device.js';

/**
 * Runs one side of WS-Discovery inside a network namespace (started with `ip netns exec`; the test
 * bundles this file with esbuild so plain `node` runs it):
 *  - `cameras N`: N simulated ONVIF cameras (HTTP on loopback) and their discovery responder;
 *    prints READY, runs until SIGTERM;
 *  - `noise`: a second listener on the group answering every datagram with garbage and with
 *    ProbeMatches that relate to no probe; prints READY;
 *  - `probe MS`: probes for MS ms, reads the first found camera's device information with the
 *    simulator's credentials, prints the result as JSON.
 */
const [mode, arg] = process.argv.slice(2);
const USER = 'admin';
const PASSWORD = 'netns-onvif-1';

if (mode === 'cameras') {
  const cameras: SimulatedOnvifCamera[] = [];
  const announcements: DiscoveryAnnouncement[] = [];
  for (let i = 1; i <= Number(arg); i++) {
    const camera = await SimulatedOnvifCamera.start({ username: USER, password: PASSWORD, mainRtspUri: `rtsp://127.0.0.1:8554/cam${i}`, model: `SimCam-${i}` });
    cameras.push(camera);
    announcements.push({ endpoint: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, xaddr: camera.deviceUrl, name: `塔吊 ${i} 号 Crane ${i}`, hardware: `SimCam-${i}` });
  }
  const responder = await DiscoveryResponder.start(announcements, { interfaceAddress: '127.0.0.1' });
  process.on('SIGTERM', () => void Promise.all([responder.stop(), ...cameras.map((c) => c.stop())]).then(() => process.exit(0)));
  console.log('READY');
} else if (mode === 'noise') {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  socket.on('message', (_message, rinfo) => {
    socket.send(Buffer.from('<not-xml <<<'), rinfo.port, rinfo.address);
    const stray =
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
      '<s:Header><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action><a:RelatesTo>urn:uuid:someone-else</a:RelatesTo></s:Header>' +
      '<s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:stray</a:Address></a:EndpointReference><d:XAddrs>http://10.9.9.9/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>';
    socket.send(Buffer.from(stray), rinfo.port, rinfo.address);
  });
  socket.bind(3702, () => {
    socket.addMembership('239.255.255.250', '127.0.0.1');
    console.log('READY');
  });
  process.on('SIGTERM', () => socket.close(() => process.exit(0)));
} else if (mode === 'probe') {
  const found = await discoverOnvifDevices({ timeoutMs: Number(arg) });
  found.sort((a, b) => a.endpoint.localeCompare(b.endpoint));
  const first = found[0]?.xaddrs[0];
  const info = first ? await new OnvifClient({ url: first, username: USER, password: PASSWORD, timeoutMs: 2_000 }).getDeviceInformation() : undefined;
  console.log(JSON.stringify({ found, info }));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
