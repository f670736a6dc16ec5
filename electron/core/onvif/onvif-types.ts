/** What an ONVIF device tells about itself (ONVIF Device Management Service, GetDeviceInformation). */
export interface OnvifDeviceInformation {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

/** Where the device's services answer (GetServices, or GetCapabilities on older devices). */
export interface OnvifServiceAddresses {
  device: string;
  media?: string;
  ptz?: string;
}

/** One media profile (ONVIF Media Service §5.2 GetProfiles): a source + encoder pairing a stream URI is asked for. */
export interface OnvifMediaProfile {
  token: string;
  name: string;
  /** Video encoding as the device names it: H264, H265, JPEG, MPEG4. */
  encoding?: string;
  /** Pixels. */
  width?: number;
  height?: number;
  /** Frames per second the encoder is limited to. */
  frameRate?: number;
  /** kbit/s. */
  bitrate?: number;
  /** Whether the profile carries a PTZ configuration (PTZ commands need such a profile). */
  ptz: boolean;
}

/** A profile with its RTSP URI. */
export interface OnvifStream {
  profile: OnvifMediaProfile;
  uri: string;
}

/** The main (largest) and sub (smallest, when different) streams of a camera. */
export interface OnvifStreams {
  main: OnvifStream;
  sub?: OnvifStream;
}

/**
 * A PTZ speed or position in the ONVIF generic spaces (ONVIF PTZ Service §5.7): pan and tilt in
 * [-1, 1], zoom in [0, 1] for positions and [-1, 1] for velocities.
 */
export interface PtzVector {
  pan?: number;
  tilt?: number;
  zoom?: number;
}

/** A stored PTZ preset. */
export interface PtzPreset {
  token: string;
  name: string;
  position?: PtzVector;
}

/** Where the head is and whether it moves (GetStatus). */
export interface PtzStatus {
  position: PtzVector;
  moving: boolean;
}
