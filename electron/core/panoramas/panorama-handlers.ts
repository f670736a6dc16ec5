import { ApiError } from '../../common/api.js';
import { yawToBearing } from '../../common/panorama/equirect.js';
import { measure, MeasurementError } from '../../common/panorama/measure.js';
import type { ApiHandlers } from '../api/handlers.js';
import { issuesCsv, measurementsCsv } from './csv-export.js';
import type { PanoramaService } from './panorama-service.js';

type PanoramaMethods =
  | 'listPanoramaPoints'
  | 'listPanoramaCaptures'
  | 'getPanoramaCapture'
  | 'assignPanoramaCapture'
  | 'getPanoramaQueue'
  | 'listPanoramaMeasurements'
  | 'savePanoramaMeasurement'
  | 'deletePanoramaMeasurement'
  | 'listPanoramaIssues'
  | 'createPanoramaIssue'
  | 'updatePanoramaIssue'
  | 'exportPanoramaCsv';

/** Default click error for a saved measurement: one image pixel. */
const DEFAULT_PIXEL_ERROR_PX = 1;

export function createPanoramaHandlers(service: PanoramaService | undefined): Pick<ApiHandlers, PanoramaMethods> {
  const svc = () => {
    if (!service) throw new ApiError('conflict', 'panoramas are not available on this core');
    return service;
  };
  const capture = (id: string) => {
    const c = svc().captures.byId(id);
    if (!c) throw new ApiError('not-found', `no panorama capture "${id}"`, 'id');
    return c;
  };
  const knownPoint = (id: string | undefined, field = 'pointId') => {
    if (id !== undefined && id !== 'unassigned' && !svc().pointById(id)) throw new ApiError('not-found', `no capture point "${id}"`, field);
  };
  const who = (context: { caller: { username: string } | null }) => context.caller?.username ?? 'system';
  return {
    async listPanoramaPoints() {
      return service ? service.points() : [];
    },
    async listPanoramaCaptures(query) {
      knownPoint(query?.pointId);
      return svc().captures.list(query?.pointId);
    },
    async getPanoramaCapture({ id }) {
      return capture(id);
    },
    async assignPanoramaCapture({ id, pointId, cameraHeightM, headingDeg }) {
      capture(id);
      knownPoint(pointId);
      if (pointId === 'unassigned') throw new ApiError('bad-request', 'choose a capture point', 'pointId');
      svc().captures.assign(id, pointId, cameraHeightM, headingDeg);
      return capture(id);
    },
    async getPanoramaQueue() {
      return svc().queueView();
    },
    async listPanoramaMeasurements(query) {
      return svc().annotations.measurements({ captureId: query?.captureId, pointId: query?.pointId });
    },
    async savePanoramaMeasurement(request, context) {
      const c = capture(request.captureId);
      const pixelErrorPx = request.pixelErrorPx ?? DEFAULT_PIXEL_ERROR_PX;
      // Recomputed here from the directions with the viewer's own functions: the stored value never depends on a client's arithmetic.
      let result;
      try {
        result = measure(request.kind, request.points, { cameraHeightM: c.cameraHeightM, imageWidthPx: c.width, pixelErrorPx, headingDeg: c.headingDeg ?? 0 });
      } catch (error) {
        if (error instanceof MeasurementError) throw new ApiError('bad-request', error.message, 'points');
        throw error;
      }
      if (!Number.isFinite(result.uncertainty)) throw new ApiError('bad-request', `a point is within ${pixelErrorPx} px of the 1° limit below the horizon; its error is unbounded`, 'points');
      const id = svc().annotations.addMeasurement({
        captureId: c.id,
        kind: request.kind,
        label: request.label ?? '',
        points: request.points,
        cameraHeightM: c.cameraHeightM,
        pixelErrorPx,
        value: result.value,
        unit: result.unit,
        uncertainty: result.uncertainty,
        createdAt: Date.now(),
        createdBy: who(context),
      });
      return svc().annotations.measurements({ id })[0]!;
    },
    async deletePanoramaMeasurement({ id }) {
      if (!svc().annotations.deleteMeasurement(id)) throw new ApiError('not-found', `no measurement ${id}`, 'id');
      return { ok: true };
    },
    async listPanoramaIssues(query) {
      return svc().annotations.issues({ pointId: query?.pointId, status: query?.status });
    },
    async createPanoramaIssue(request, context) {
      const c = capture(request.captureId);
      const now = Date.now();
      const id = svc().annotations.addIssue({
        captureId: c.id,
        pointId: c.pointId,
        yawDeg: request.yawDeg,
        pitchDeg: request.pitchDeg,
        bearingDeg: yawToBearing(request.yawDeg, c.headingDeg ?? 0),
        text: request.text,
        category: request.category,
        assignee: request.assignee || null,
        createdAt: now,
        createdBy: who(context),
      });
      return svc().annotations.issues({ id })[0]!;
    },
    async updatePanoramaIssue({ id, ...change }) {
      if (!svc().annotations.issues({ id }).length) throw new ApiError('not-found', `no issue ${id}`, 'id');
      svc().annotations.updateIssue(id, change, Date.now());
      return svc().annotations.issues({ id })[0]!;
    },
    async exportPanoramaCsv({ kind, pointId }) {
      knownPoint(pointId);
      const day = new Date().toISOString().slice(0, 10);
      const suffix = pointId ? `-${pointId}` : '';
      if (kind === 'measurements') {
        const rows = svc().annotations.measurements({ pointId });
        return { filename: `panorama-measurements${suffix}-${day}.csv`, csv: measurementsCsv(rows, (id) => svc().captures.byId(id)) };
      }
      return { filename: `panorama-issues${suffix}-${day}.csv`, csv: issuesCsv(svc().annotations.issues({ pointId })) };
    },
  };
}
