import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { type FocusEvent, type MouseEvent, useMemo, useRef, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import isoNumeric from '../../../src/monitoring/data/iso-numeric.json';
import './world-map.css';

/**
 * A world map drawn as SVG by React: Natural Earth 1:110m countries (npm world-atlas, ids are
 * ISO 3166-1 numeric codes, mapped to alpha-2 with the table the monitoring code uses) in an
 * Equal Earth projection. Countries can be coloured (a choropleth) and points marked (sites,
 * landmarks). Coloured countries and markers take keyboard focus and show a tooltip on hover
 * and focus; every page that uses the map also shows the same numbers in a table.
 * Loaded lazily (React.lazy) so the map data is fetched only by pages that draw a map.
 */

export interface MapCountry {
  /** ISO 3166-1 alpha-2. */
  code: string;
  fill: string;
  /** Tooltip and accessible name, e.g. "United Arab Emirates: 13 % of the cap used". */
  label: string;
}

export interface MapMarker {
  id: string;
  lat: number;
  lon: number;
  /** Drawn as a circle (site, alert) or a triangle (landmark). */
  shape: 'circle' | 'triangle';
  color: string;
  label: string;
  selected?: boolean;
  /** false: information only, even when the map has `onSelectMarker`. */
  selectable?: boolean;
}

export interface WorldMapProps {
  /** Accessible name of the map. */
  title: string;
  /** Show the region around the markers instead of the whole world. */
  zoomToMarkers?: boolean;
  countries?: readonly MapCountry[];
  markers?: readonly MapMarker[];
  onSelectMarker?: (id: string) => void;
}

const WIDTH = 960;
const HEIGHT = 470;
const NO_DATA = '#e5e7eb';

const numericToAlpha2 = (isoNumeric as { numericToAlpha2: Record<string, string> }).numericToAlpha2;

interface Shape {
  code: string | undefined;
  name: string;
  d: string;
}

type Projection = ReturnType<typeof geoEqualEarth>;

let countriesCache: Feature<Geometry, { name: string }>[] | undefined;
function countryFeatures() {
  if (countriesCache) return countriesCache;
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  countriesCache = collection.features;
  return countriesCache;
}

/** Degrees added around the markers when the map zooms to them (and the least span shown). */
const ZOOM_MARGIN_DEG = 8;

/**
 * The projection: the whole sphere, or (zoom) the region around the markers with a margin, so
 * that sites a few hundred kilometres apart stay apart.
 */
function makeProjection(points: readonly [number, number][] | null): Projection {
  const extent: [[number, number], [number, number]] = [
    [4, 4],
    [WIDTH - 4, HEIGHT - 4],
  ];
  if (!points || points.length === 0) return geoEqualEarth().fitExtent(extent, { type: 'Sphere' });
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const pad = (lo: number, hi: number, limit: number) => {
    const margin = Math.max(ZOOM_MARGIN_DEG, (hi - lo) * 0.2);
    return [Math.max(-limit, lo - margin), Math.min(limit, hi + margin)] as const;
  };
  const [west, east] = pad(Math.min(...lons), Math.max(...lons), 180);
  const [south, north] = pad(Math.min(...lats), Math.max(...lats), 85);
  return geoEqualEarth().fitExtent(extent, {
    type: 'MultiPoint',
    coordinates: [
      [west, south],
      [west, north],
      [east, south],
      [east, north],
      [(west + east) / 2, north],
      [(west + east) / 2, south],
    ],
  });
}

interface Tip {
  text: string;
  x: number;
  y: number;
}

export function WorldMap({
  title,
  countries = [],
  markers = [],
  onSelectMarker,
  zoomToMarkers,
}: WorldMapProps) {
  const zoomKey = zoomToMarkers ? markers.map((m) => `${m.lon},${m.lat}`).join(';') : '';
  const { shapes, projection } = useMemo(() => {
    const points = zoomKey
      ? zoomKey.split(';').map((p) => p.split(',').map(Number) as [number, number])
      : null;
    const projection = makeProjection(points);
    const path = geoPath(projection);
    const shapes: Shape[] = countryFeatures().map((f) => ({
      code: f.id === undefined ? undefined : numericToAlpha2[String(f.id)],
      name: f.properties.name,
      d: path(f) ?? '',
    }));
    return { shapes, projection };
  }, [zoomKey]);
  const byCode = useMemo(() => new Map(countries.map((c) => [c.code, c])), [countries]);
  // One Tab stop for all the coloured countries (roving tabindex), in the order of their names;
  // the arrow keys move between them, so a keyboard user is not made to Tab through the world.
  const order = useMemo(() => {
    const drawn = new Set(shapes.map((s) => s.code));
    return countries
      .filter((c) => drawn.has(c.code))
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((c) => c.code);
  }, [countries, shapes]);
  const [active, setActive] = useState<string | undefined>();
  const current = active && order.includes(active) ? active : order[0];
  const move = (from: string, key: string): boolean => {
    const at = order.indexOf(from);
    const next =
      key === 'ArrowRight' || key === 'ArrowDown'
        ? order[(at + 1) % order.length]
        : key === 'ArrowLeft' || key === 'ArrowUp'
          ? order[(at - 1 + order.length) % order.length]
          : key === 'Home'
            ? order[0]
            : key === 'End'
              ? order[order.length - 1]
              : undefined;
    if (!next) return false;
    setActive(next);
    box.current?.querySelector<SVGElement>(`[data-country="${next}"]`)?.focus();
    return true;
  };
  const [tip, setTip] = useState<Tip | null>(null);
  const box = useRef<HTMLElement>(null);

  const show = (text: string) => (event: MouseEvent<SVGElement> | FocusEvent<SVGElement>) => {
    const frame = box.current?.getBoundingClientRect();
    const target = event.currentTarget.getBoundingClientRect();
    if (!frame) return;
    const pointer = 'clientX' in event ? { x: event.clientX, y: event.clientY } : null;
    setTip({
      text,
      x: (pointer?.x ?? target.left + target.width / 2) - frame.left,
      y: (pointer?.y ?? target.top) - frame.top,
    });
  };
  const hide = () => setTip(null);

  return (
    <figure className="world-map" ref={box}>
      <figcaption>
        {title}
        {countries.length > 1 ? ' (arrow keys move between the countries)' : ''}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} overflow="hidden">
        <title>{title}</title>
        <path className="sphere" d={geoPath(projection)({ type: 'Sphere' }) ?? ''} />
        {shapes.map((s, i) => {
          const data = s.code ? byCode.get(s.code) : undefined;
          if (!data) {
            return <path key={s.code ?? `${s.name}-${i}`} d={s.d} fill={NO_DATA} className="country" />;
          }
          return (
            // Focusable so that keyboard users get the tooltip too; the page's table has the same numbers.
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a labelled image of one country
            <path
              key={s.code}
              d={s.d}
              fill={data.fill}
              className="country country-data"
              tabIndex={s.code === current ? 0 : -1}
              role="img"
              aria-label={data.label}
              data-country={s.code}
              onMouseMove={show(data.label)}
              onMouseLeave={hide}
              onFocus={(event) => {
                setActive(s.code);
                show(data.label)(event);
              }}
              onKeyDown={(event) => {
                if (s.code && move(s.code, event.key)) event.preventDefault();
              }}
              onBlur={hide}
            />
          );
        })}
        {markers.map((m) => {
          const point = projection([m.lon, m.lat]);
          if (!point) return null;
          const [x, y] = point;
          const select = onSelectMarker && m.selectable !== false ? () => onSelectMarker(m.id) : undefined;
          const common = {
            className: `marker${m.selected ? ' marker-selected' : ''}`,
            fill: m.color,
            tabIndex: 0,
            role: select ? 'button' : 'img',
            'aria-label': m.label,
            'aria-pressed': select ? Boolean(m.selected) : undefined,
            'data-marker': m.id,
            onMouseMove: show(m.label),
            onMouseLeave: hide,
            onFocus: show(m.label),
            onBlur: hide,
            onClick: select,
            onKeyDown: select
              ? (e: { key: string; preventDefault(): void }) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    select();
                  }
                }
              : undefined,
          };
          return m.shape === 'triangle' ? (
            <path key={m.id} d={`M${x},${y - 7}L${x + 6.5},${y + 5}L${x - 6.5},${y + 5}Z`} {...common} />
          ) : (
            <circle key={m.id} cx={x} cy={y} r={m.selected ? 8 : 6} {...common} />
          );
        })}
      </svg>
      {tip ? (
        <div className="map-tooltip" style={{ left: tip.x, top: tip.y }} aria-hidden="true">
          {tip.text}
        </div>
      ) : null}
    </figure>
  );
}

export interface LegendEntry {
  color: string;
  label: string;
  shape?: 'square' | 'circle' | 'triangle';
}

export function MapLegend({ title, entries }: { title: string; entries: readonly LegendEntry[] }) {
  return (
    <figure className="map-legend">
      <figcaption>{title}</figcaption>
      <ul>
        {entries.map((e) => (
          <li key={e.label}>
            <span className={`swatch swatch-${e.shape ?? 'square'}`} style={{ background: e.color }} />
            {e.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
