#!/usr/bin/python3
"""A real RTSP camera for tests: GStreamer's RTSP server on 127.0.0.1:PORT serving /cam.

H.264 from x264enc (tune=zerolatency, one keyframe per second) over a moving SMPTE pattern so
the bitrate resembles a real camera. With --user/--password it demands basic auth (digest with
--auth digest), so a wrong
password gets 401 Unauthorized. Prints READY once the server is attached and listening.

Run with Debian's /usr/bin/python3 (the one that has `gi`).
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--width", type=int, default=640)
    parser.add_argument("--height", type=int, default=360)
    parser.add_argument("--fps", type=int, default=15)
    parser.add_argument("--bitrate", type=int, default=800, help="kbit/s")
    parser.add_argument("--path", default="/cam")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--auth", choices=["basic", "digest"], default="basic")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))

    launch = (
        f"( videotestsrc is-live=true pattern=smpte horizontal-speed=4 "
        f"! video/x-raw,width={args.width},height={args.height},framerate={args.fps}/1 "
        f"! x264enc tune=zerolatency speed-preset=ultrafast bitrate={args.bitrate} key-int-max={args.fps} "
        f"! video/x-h264,profile=baseline "
        f"! rtph264pay name=pay0 pt=96 config-interval=1 )"
    )
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    # One pipeline for all clients, like a real camera: a second viewer joins the running stream.
    factory.set_shared(True)

    if args.user is not None:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "viewer")
        if args.auth == "digest":
            # RFC 2617 Digest (MD5); the server then offers only Digest, so Basic is refused.
            auth.add_digest(args.user, args.password or "", token)
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        else:
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password or ""), token)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_permission_for_role("viewer", "media.factory.access", True)
        permissions.add_permission_for_role("viewer", "media.factory.construct", True)
        factory.set_permissions(permissions)

    server.get_mount_points().add_factory(args.path, factory)
    if server.attach(None) == 0:
        print(f"could not listen on 127.0.0.1:{args.port}", file=sys.stderr, flush=True)
        return 2

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print("READY", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
