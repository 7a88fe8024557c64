import type { ReactElement } from 'react';
import type { Role } from './api.js';
import { Home } from './pages/Home.js';

/**
 * Every page of the dashboard, with the roles that see it. A page is a component rendered for
 * `#<path>`; a path ending in "/:id" also matches "#<prefix>/<id>" and receives `id`.
 * Add a page: one file in pages/ and one line here.
 */
export interface PageRoute {
  readonly path: string;
  readonly title: string;
  readonly roles: readonly Role[];
  readonly render: (params: { id?: string }) => ReactElement;
  readonly description?: string;
  /** false: reachable by link only (detail pages). */
  readonly inNav?: boolean;
}

const ALL: readonly Role[] = ['exporter', 'regulator', 'host-government', 'auditor'];

export const ROUTES: readonly PageRoute[] = [
  { path: '/', title: 'Home', roles: ALL, render: () => <Home />, inNav: true },
];

export function visibleRoutes(role: Role): PageRoute[] {
  return ROUTES.filter((r) => r.roles.includes(role));
}

/** The route for a hash path, and its id parameter. */
export function matchRoute(role: Role, path: string): { route: PageRoute; id?: string } | undefined {
  for (const route of visibleRoutes(role)) {
    if (route.path === path) return { route };
    if (route.path.endsWith('/:id')) {
      const prefix = route.path.slice(0, -3);
      if (
        path.startsWith(prefix) &&
        path.length > prefix.length &&
        !path.slice(prefix.length).includes('/')
      ) {
        return { route, id: decodeURIComponent(path.slice(prefix.length)) };
      }
    }
  }
  return undefined;
}
