#!/usr/bin/python3
"""A real RTSP camera for tests: GStreamer's RTSP server on 127.0.0.1:PORT serving /cam.

H.264 from x264enc (tune=zerolatency, one keyframe per second) over a moving SMPTE pattern so
the bitrate resembles a real camera.

Misbehaviour, for the console's bad-input tests (each off by default):
- `--resize-after S --resize-to WxH`: S seconds after the server starts, renegotiates the raw caps
  of every running stream, so the encoder restarts at the new size mid-stream (new SPS in band,
  same RTSP session); viewers connecting later get the new size from the start; SIGHUP
  resizes at once (tests: after the viewer is live);
- `--codec h265`: x265enc + rtph265pay instead (a codec change is a camera restart on the same URL
  with this flag: an RTSP session cannot change its payload format mid-stream);
- `--gop-seconds N`: a keyframe only every N seconds (a viewer joining mid-GOP waits for it);
- `--bframes N`: N B-frames between references (x264 without zerolatency, main profile);
- SIGUSR1 stalls the camera (a valve before the encoder drops every raw frame, so no RTP data
  flows while RTSP and RTCP stay up), SIGUSR2 resumes it. With --user/--password it demands basic auth (digest with
--auth digest), so a wrong
password gets 401 Unauthorized; with --password-change-to P, SIGWINCH changes the password to P
(running sessions stay, as on a camera whose admin changes it). Prints READY once the server is
attached and listening.

Run with Debian's /usr/bin/python3 (the one that has `gi`).
"""
import argparse
import ctypes
import signal
import sys
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


# --- The frame stamp (mirrors electron/common/frame-stamp.ts: keep the two in step).
STAMP_TIME_BITS = 40
STAMP_CHECK_BITS = 8


def stamp_block_size(width: int) -> int:
    return max(8, (width // 80 // 8) * 8)


def stamp_bits(time_ms: int) -> list:
    value = time_ms % (1 << STAMP_TIME_BITS)
    check = sum(value.to_bytes(5, "big")) % 256
    bits = [(value >> i) & 1 for i in range(STAMP_TIME_BITS - 1, -1, -1)]
    return bits + [(check >> i) & 1 for i in range(STAMP_CHECK_BITS - 1, -1, -1)]


class PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


def address_of(view) -> int:
    """The memory address behind a (read-only) memoryview.

    PyGObject maps a buffer the probe does not own only for reading (its wrapper holds a second
    reference, so GStreamer calls it not writable); the frame is ours until we return it downstream,
    so the stamp is written in place through its address.
    """
    pb = PyBuffer()
    ctypes.pythonapi.PyObject_GetBuffer(ctypes.py_object(view), ctypes.byref(pb), 0)
    addr = pb.buf
    ctypes.pythonapi.PyBuffer_Release(ctypes.byref(pb))
    return addr


def stamp_frames(media, width: int, height: int) -> None:
    """Writes the wall-clock time (ms) into each raw I420 frame before the encoder sees it."""
    block = stamp_block_size(width)
    element = media.get_element().get_by_name("stamp")
    chroma_width = width // 2
    luma_size = width * height
    chroma_size = chroma_width * (height // 2)

    def probe(_pad, info):
        buf = info.get_buffer()
        ok, mapped = buf.map(Gst.MapFlags.READ)
        if not ok:
            return Gst.PadProbeReturn.OK
        try:
            base = address_of(mapped.data)
            bits = stamp_bits(int(time.time() * 1000))
            line = b"".join((b"\xeb" if bit else b"\x10") * block for bit in bits)
            for row in range(block, 2 * block):
                ctypes.memmove(base + row * width + block, line, len(line))
            # Neutral chroma under the row, so it reads grey (not tinted by the pattern) in RGB.
            for plane in (luma_size, luma_size + chroma_size):
                for row in range(block // 2, block):
                    ctypes.memset(base + plane + row * chroma_width + block // 2, 128, block * len(bits) // 2)
        finally:
            buf.unmap(mapped)
        return Gst.PadProbeReturn.OK

    element.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, probe)


def encoder(args) -> str:
    """The encoder and payloader part of the launch line for the chosen codec and GOP."""
    gop = max(1, args.fps * args.gop_seconds)
    if args.codec == "h265":
        return (
            f"x265enc tune=zerolatency speed-preset=ultrafast bitrate={args.bitrate} key-int-max={gop} "
            f"! video/x-h265,profile=main ! rtph265pay name=pay0 pt=96 config-interval=1"
        )
    if args.bframes > 0:
        # No zerolatency: it forbids B-frames (and lookahead); baseline profile has none either.
        tune = f"speed-preset=ultrafast bframes={args.bframes} b-adapt=false rc-lookahead=0 sync-lookahead=0"
        profile = "main"
    else:
        tune, profile = "tune=zerolatency speed-preset=ultrafast", "baseline"
    return (
        f"x264enc {tune} bitrate={args.bitrate} key-int-max={gop} "
        f"! video/x-h264,profile={profile} ! rtph264pay name=pay0 pt=96 config-interval=1"
    )


class Misbehaviour:
    """The camera-wide resize and stall valve, applied to every media (one per distinct URL or session)."""

    def __init__(self, args):
        self.args = args
        self.valves = []
        self.sizes = []
        self.resized = None
        self.stalled = False

    def caps(self, width: int, height: int):
        return Gst.Caps.from_string(f"video/x-raw,format=I420,width={width},height={height},framerate={self.args.fps}/1")

    def configure(self, media) -> None:
        bin_ = media.get_element()
        valve, size = bin_.get_by_name("stall"), bin_.get_by_name("size")
        valve.set_property("drop", self.stalled)
        if self.resized:
            # A viewer connecting after the change gets the new size from its first frame (and SDP).
            size.set_property("caps", self.caps(*self.resized))
        self.valves.append(valve)
        self.sizes.append(size)

    def resize(self) -> bool:
        if not self.args.resize_to:
            return False
        width, height = (int(v) for v in self.args.resize_to.lower().split("x"))
        self.resized = (width, height)
        for size in self.sizes:
            size.set_property("caps", self.caps(width, height))
        print(f"RESIZED {width}x{height}", flush=True)
        return True

    def start_resize_timer(self) -> None:
        if self.args.resize_after is not None and self.args.resize_to:
            GLib.timeout_add(int(self.args.resize_after * 1000), lambda: self.resize() and False)

    def stall(self, drop: bool) -> bool:
        self.stalled = drop
        for valve in self.valves:
            valve.set_property("drop", drop)
        print("STALLED" if drop else "RESUMED", flush=True)
        return True


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
    parser.add_argument("--password-change-to", help="the password SIGWINCH switches to")
    parser.add_argument(
        "--stamp",
        action="store_true",
        help="stamp each frame with its wall-clock time in pixels (layout: electron/common/frame-stamp.ts)",
    )
    parser.add_argument("--codec", choices=["h264", "h265"], default="h264")
    parser.add_argument("--gop-seconds", type=int, default=1, help="seconds between keyframes")
    parser.add_argument("--bframes", type=int, default=0)
    parser.add_argument("--resize-after", type=float, help="seconds after the media starts")
    parser.add_argument("--resize-to", help="WxH, e.g. 1280x720")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))

    launch = (
        f"( videotestsrc is-live=true pattern=smpte horizontal-speed=4 "
        f"! capsfilter name=size caps=video/x-raw,format=I420,width={args.width},height={args.height},framerate={args.fps}/1 "
        f"! identity name=stamp ! valve name=stall drop=false "
        f"! {encoder(args)} )"
    )
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    # One pipeline for all clients, like a real camera: a second viewer joins the running stream.
    factory.set_shared(True)
    misbehaviour = Misbehaviour(args)
    factory.connect("media-configure", lambda _f, media: misbehaviour.configure(media))
    if args.stamp:
        factory.connect("media-configure", lambda _f, media: stamp_frames(media, args.width, args.height))

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
        if args.password_change_to is not None:

            def change_password():
                # Only new requests are checked: sessions already playing keep streaming.
                if args.auth == "digest":
                    auth.add_digest(args.user, args.password_change_to, token)  # replaces the user's entry
                else:
                    auth.remove_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password or ""))
                    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password_change_to), token)
                print("PASSWORD CHANGED", flush=True)
                return GLib.SOURCE_CONTINUE

            GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGWINCH, change_password)
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
    misbehaviour.start_resize_timer()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGHUP, misbehaviour.resize)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGUSR1, lambda: misbehaviour.stall(True))
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGUSR2, lambda: misbehaviour.stall(False))
    print("READY", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
