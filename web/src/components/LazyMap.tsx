import { lazy } from 'react';

/**
 * The world map, loaded on first use: its code and the Natural Earth outlines go in their own
 * chunk, so pages without a map (and the first load) do not fetch them. Use inside <Suspense>.
 */
const load = () => import('./WorldMap.js');

export const WorldMap = lazy(() => load().then((m) => ({ default: m.WorldMap })));
export const MapLegend = lazy(() => load().then((m) => ({ default: m.MapLegend })));
