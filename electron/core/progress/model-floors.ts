import type { SiteModel } from '../../common/site-model.js';
import type { ProgressService } from './progress-service.js';

/**
 * The site model with each building's completed floors as progress knows them (the site file's
 * completions with the console's entries on top), so the 3D and GIS views draw the floors the
 * progress page shows. A building progress knows no completion of keeps the model's own count.
 */
export function withProgressFloors(model: SiteModel, progress: Pick<ProgressService, 'overview'>): SiteModel {
  const done = new Map(progress.overview().buildings.map((b) => [b.id, b.completedFloors]));
  return { ...model, buildings: model.buildings.map((b) => ({ ...b, completedFloors: done.get(b.id) || b.completedFloors })) };
}
