import type { ApiHandlers } from '../api/handlers.js';
import { HttpApiServer, type RawRoutes } from '../api/http-server.js';
import { LiveSocketServer } from '../api/live-socket.js';
import { VideoSocketServer } from '../api/video-socket.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../log/logger.js';
import { PanoramaHttp } from '../panoramas/panorama-http.js';
import type { PanoramaService } from '../panoramas/panorama-service.js';
import type { LiveHub } from '../pipeline/live-hub.js';
import type { VideoWiring } from './video.js';

export interface HttpWiringOptions {
  host: string;
  port: number;
  staticRoot: string;
  siteDir: string;
  /** The site file's `model.gltf.file`, if any. */
  siteModelGltf: string | undefined;
  handlers: ApiHandlers;
  auth: AuthService;
  hub: LiveHub;
  video: VideoWiring;
  panoramas: PanoramaService;
  /** Wall-screen pages' origins allowed to open the sockets, besides the console's own. */
  wallOrigins?: readonly string[];
  log: Logger;
  /** More raw routes (workforce uploads, downloads and phone pages), after the panoramas'. */
  rawRoutes?: readonly RawRoutes[];
  /** PEM certificate and key for HTTPS/WSS. */
  tls?: { cert: string; key: string };
}

/** The HTTP/WebSocket transport: the API routes, live events, video sockets, media and panorama uploads. */
export function wireHttp(o: HttpWiringOptions): HttpApiServer {
  const live = new LiveSocketServer(o.hub, o.auth, o.log.child('live'));
  return new HttpApiServer(
    {
      host: o.host,
      port: o.port,
      staticRoot: o.staticRoot,
      video: new VideoSocketServer(o.video.video, o.video.cameras, o.auth, o.log.child('video-socket')),
      mediaDirs: { snapshots: o.video.snapshotsDir, clips: o.video.clipsDir },
      ...siteModelFile(o.siteDir, o.siteModelGltf),
      rawRoutes: [new PanoramaHttp(o.panoramas, o.auth, o.log.child('panorama-http')), ...(o.rawRoutes ?? [])],
      wallOrigins: o.wallOrigins ?? [],
      ...(o.tls ? { tls: o.tls } : {}),
    },
    o.handlers,
    o.auth,
    live,
    o.log.child('http'),
  );
}

/**
 * The glTF/GLB named in the site file, when it is a plain file name in the site folder (a BIM
 * export copied next to site.json); anything with a path in it is refused, so the site file
 * cannot expose other files.
 */
function siteModelFile(siteDir: string, file: string | undefined): { siteModelFile?: { dir: string; name: string } } {
  if (!file || !/^[\w.-]{1,128}\.(glb|gltf)$/i.test(file)) return {};
  return { siteModelFile: { dir: siteDir, name: file } };
}
