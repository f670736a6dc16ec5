/**
 * Chromium and Electron switches that may appear in the desktop app's `process.argv` without the
 * operator typing them (a desktop file's `--no-sandbox`, `--ozone-platform=wayland`, a debugger's
 * `--inspect=…`, `--remote-debugging-port=…`). They are Chromium's, not ours, so they are removed
 * before our strict parser sees the line; anything else unknown is still a usage error. The list
 * follows Electron's "Supported Command Line Switches" and the common Chromium ones.
 */
const CHROMIUM_SWITCH = new RegExp(
  '^--(' +
    [
      'no-sandbox',
      'disable-gpu[\\w-]*',
      'disable-dev-shm-usage',
      'disable-software-rasterizer',
      'disable-http-cache',
      'disable-renderer-backgrounding',
      'disable-features',
      'enable-features',
      'enable-logging',
      'enable-wayland-ime',
      'ozone-platform(-hint)?',
      'use-gl',
      'use-angle',
      'ignore-gpu-blocklist',
      'force-device-scale-factor',
      'high-dpi-support',
      'force-color-profile',
      'lang',
      'log-file',
      'log-level',
      'v',
      'vmodule',
      'js-flags',
      'inspect(-brk)?',
      'inspect-port',
      'remote-debugging-port',
      'remote-debugging-pipe',
      'remote-allow-origins',
      'user-data-dir',
      'proxy-server',
      'proxy-bypass-list',
      'no-proxy-server',
      'host-rules',
      'allow-file-access-from-files',
      'original-process-start-time',
    ].join('|') +
    ')(=.*)?$',
);

/**
 * The operator's flags out of Electron's `process.argv`: drops the executable, the app path when
 * Electron runs an unpackaged app (`electron . --port 8421`; `process.defaultApp` is then true),
 * macOS's `-psn_…` process serial number, and Chromium's switches.
 */
export function operatorArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1).filter((arg) => !CHROMIUM_SWITCH.test(arg) && !arg.startsWith('-psn_'));
}
