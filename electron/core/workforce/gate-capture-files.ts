/** Capture file names the core writes (and the only ones its media route serves): gate, UTC time, random. */
export const CAPTURE_FILE_PATTERN = /^[A-Za-z0-9_.-]{1,64}-\d{8}T\d{6}\d{3}Z-[0-9a-f]{8}\.jpg$/;

/** Media path of a capture photo, read through a media ticket. */
export const captureMediaPath = (file: string): string => `/api/media/captures/${file}`;
