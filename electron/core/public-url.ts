/**
 * A URL as the console, logs and status lines may show it: user name and password removed (a
 * camera's RTSP URL, a broker's URL). Unparseable input never echoes back, since it may hold a
 * password in a shape URL does not recognise.
 */
export function publicUrl(url: string, options: { trimTrailingSlash?: boolean } = {}): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    const text = parsed.toString();
    return options.trimTrailingSlash ? text.replace(/\/$/, '') : text;
  } catch {
    return '(invalid URL)';
  }
}
