#!/usr/bin/env bash
# Installs the Debian packages Site Command needs, when they are missing.
#   ensure-system-deps.sh run    what the console uses at run time (ffmpeg for cameras)
#   ensure-system-deps.sh test   plus what the tests drive for real: mosquitto, Chromium, Xvfb,
#                                GStreamer's RTSP server (a real fake camera), CJK fonts for screenshots,
#                                nats-server and PostgreSQL 15 + PostGIS (the supervision platform)
# As root (or with password-less sudo) it installs with apt-get; otherwise it prints the command.
set -euo pipefail
profile="${1:-run}"

missing=()
need() { # need PACKAGE CHECK-COMMAND...
  local pkg="$1"; shift
  if ! "$@" >/dev/null 2>&1; then missing+=("$pkg"); fi
}

need ffmpeg command -v ffmpeg
if [[ "$profile" == "test" ]]; then
  need mosquitto test -x /usr/sbin/mosquitto
  need chromium command -v chromium
  need xvfb command -v Xvfb
  need fonts-noto-cjk test -d /usr/share/fonts/opentype/noto
  need python3-gi /usr/bin/python3 -c 'import gi'
  need python3-gst-1.0 /usr/bin/python3 -c 'import gi; gi.require_version("Gst", "1.0"); from gi.repository import Gst'
  need gir1.2-gst-rtsp-server-1.0 /usr/bin/python3 -c 'import gi; gi.require_version("GstRtspServer", "1.0"); from gi.repository import GstRtspServer'
  need gstreamer1.0-plugins-ugly sh -c 'gst-inspect-1.0 x264enc'
  need gstreamer1.0-plugins-good sh -c 'gst-inspect-1.0 rtph264pay'
  need gstreamer1.0-plugins-base sh -c 'gst-inspect-1.0 videotestsrc'
  need gstreamer1.0-plugins-bad sh -c 'gst-inspect-1.0 h264parse'
  need gstreamer1.0-libav sh -c 'gst-inspect-1.0 avdec_h264'
  need gstreamer1.0-rtsp sh -c 'gst-inspect-1.0 rtspsrc'
  need gstreamer1.0-tools command -v gst-inspect-1.0
  # The supervision platform (#13): a NATS JetStream cluster and PostgreSQL with PostGIS, started by
  # the tests themselves on free ports in temp folders (test/helpers/nats-cluster.ts, test/helpers/postgres.ts).
  need nats-server test -x /usr/sbin/nats-server
  need postgresql-15 test -x /usr/lib/postgresql/15/bin/initdb
  need postgresql-15-postgis-3 test -f /usr/share/postgresql/15/extension/postgis.control
fi

if [[ ${#missing[@]} -eq 0 ]]; then exit 0; fi

# gst-inspect may be what is missing: always bring the tools along with any GStreamer package.
if printf '%s\n' "${missing[@]}" | grep -q gstreamer; then missing+=(gstreamer1.0-tools); fi
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
cmd=(apt-get install -y --no-install-recommends "${missing[@]}")

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else
    echo "Site Command needs these system packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get update && sudo ${cmd[*]}" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null; then
  echo "Site Command needs: ${missing[*]} (Debian package names). Install them with your system's package manager." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" "${cmd[@]}" -qq >/dev/null
