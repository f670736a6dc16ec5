/** Panorama types shared by the core's API and the viewer. Angles in degrees, lengths in metres. */
import type { EnuPosition } from '../site.js';
import type { TileLevel } from './tiles.js';
import type { MeasurementKind } from './measure.js';

/** A configured capture point: where a 360° camera is set up again and again. */
export interface PanoramaPointView {
  id: string;
  name: string;
  position: EnuPosition;
  /** Lens height above the floor used when a capture gives none, metres. */
  cameraHeightM: number;
  neighbours: string[];
  captureCount: number;
  /** Capture time (or ingest time) of the newest ready capture, epoch ms. */
  latestAt: number | null;
}

export type PanoramaCaptureState = 'processing' | 'ready' | 'failed';

/** How a capture got its point: GPS nearest a point, the file name (`POINT_…`), by hand, or none yet. */
export type PanoramaAssignment = 'gps' | 'filename' | 'hand' | 'upload' | 'none';

/** One panorama as stored: metadata read from EXIF/XMP, its point, and its tile pyramid. */
export interface PanoramaCaptureView {
  id: string;
  sha256: string;
  pointId: string | null;
  assignedBy: PanoramaAssignment;
  /** `inbox`, `upload`, `device:ID` or `demo`. */
  source: string;
  originalName: string;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  bytes: number;
  /** From EXIF DateTimeOriginal (or XMP), epoch ms; null when the file says nothing. */
  capturedAt: number | null;
  ingestedAt: number;
  /** Bearing of the image centre, degrees clockwise from north (GPano PoseHeadingDegrees); null unknown (0 is used). */
  headingDeg: number | null;
  gps: { latDeg: number; lonDeg: number; altM: number | null } | null;
  camera: { make: string | null; model: string | null };
  /** Lens height above the floor for this capture, metres (its own, else its point's). */
  cameraHeightM: number;
  state: PanoramaCaptureState;
  error: string | null;
  levels: TileLevel[];
  thumbnailUrl: string;
}

/** Answer to one panorama submitted (upload, inbox, device pull). */
export type PanoramaIngestResult =
  | { status: 'accepted'; capture: PanoramaCaptureView }
  | { status: 'duplicate'; capture: PanoramaCaptureView; message: string }
  | { status: 'rejected'; reason: PanoramaRejectReason; message: string };

export type PanoramaRejectReason = 'not-an-image' | 'wrong-aspect' | 'corrupt' | 'too-large' | 'bad-name' | 'unsupported-format' | 'queue-full';

/** Progress of the processing queue, pushed on the live channel (`{type: 'panorama'}`). */
export interface PanoramaProgress {
  /** 1-based position of the item being processed in this batch, and the batch size ("3/5"). */
  index: number;
  total: number;
  file: string;
  stage: 'queued' | 'checking' | 'tiling' | 'thumbnail' | 'done' | 'duplicate' | 'rejected' | 'failed';
  captureId?: string;
  message?: string;
}

/** A saved measurement: the clicked directions and what they give. */
export interface PanoramaMeasurementView {
  id: number;
  captureId: string;
  pointId: string | null;
  kind: MeasurementKind;
  label: string;
  points: { yawDeg: number; pitchDeg: number }[];
  cameraHeightM: number;
  pixelErrorPx: number;
  value: number;
  unit: 'm' | 'm²';
  uncertainty: number;
  createdAt: number;
  createdBy: string;
}

export type PanoramaIssueCategory = 'quality' | 'safety' | 'progress';
export type PanoramaIssueStatus = 'open' | 'in-progress' | 'resolved' | 'closed';

/** An issue pinned to a direction in a panorama; shown on later captures of the same point too. */
export interface PanoramaIssueView {
  id: number;
  captureId: string;
  pointId: string | null;
  yawDeg: number;
  pitchDeg: number;
  /** World bearing of the pin, so it lands in the same place on a capture with another heading. */
  bearingDeg: number;
  text: string;
  category: PanoramaIssueCategory;
  assignee: string | null;
  status: PanoramaIssueStatus;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
}

export interface PanoramaQueueView {
  queued: number;
  processing: string | null;
  capacity: number;
  processed: number;
  rejected: number;
  /** Capture devices polled over HTTP: last success, last error, last outcome. */
  devices: { id: string; lastOkAt: number | null; lastError: string | null; lastResult: string | null }[];
}

/** Upload: `POST` the file's bytes as the body, its name in this header (URL-encoded UTF-8). */
export const PANORAMA_UPLOAD_PATH = '/api/panoramas';
export const PANORAMA_FILENAME_HEADER = 'x-filename';
/** Optional: assign the upload to this capture point. */
export const PANORAMA_POINT_HEADER = 'x-point-id';
