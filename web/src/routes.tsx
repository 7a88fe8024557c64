import { lazy, type ReactElement } from 'react';
import type { Role } from './api.js';
import { PageSuspense } from './lazy-page.js';
import { Agreements } from './pages/Agreements.js';
import { Allocations } from './pages/Allocations.js';
import { Audit } from './pages/Audit.js';
import { Devices } from './pages/Devices.js';
import { Home } from './pages/Home.js';
import { LicenseDetail } from './pages/LicenseDetail.js';
import { Licenses } from './pages/Licenses.js';
import { Lists } from './pages/Lists.js';
import { Monitoring } from './pages/Monitoring.js';
import { NewRequest } from './pages/NewRequest.js';
import { Queue } from './pages/Queue.js';
import { QueueReview } from './pages/QueueReview.js';
import { RequestDetail } from './pages/RequestDetail.js';
import { Requests } from './pages/Requests.js';
import { Shipments } from './pages/Shipments.js';

const Analysis = lazy(async () => ({ default: (await import('./pages/Analysis.js')).Analysis }));

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
  {
    path: '/queue',
    title: 'License queue',
    roles: ['regulator'],
    render: () => <Queue />,
    description: 'requests awaiting a decision: review, screening hits, approve or deny',
  },
  {
    path: '/queue/:id',
    title: 'Review',
    roles: ['regulator'],
    render: ({ id }) => <QueueReview id={id ?? ''} />,
    inNav: false,
  },
  {
    path: '/allocations',
    title: 'Allocations',
    roles: ['regulator', 'host-government'],
    render: () => <Allocations />,
    description: 'world map of TPP used against each country cap, per framework',
  },
  {
    path: '/agreements',
    title: 'Agreements',
    roles: ['regulator', 'host-government'],
    render: () => <Agreements />,
    description: 'assurances, investment commitments and disbursements, caps',
  },
  {
    path: '/monitoring',
    title: 'Monitoring',
    roles: ['regulator', 'host-government', 'auditor'],
    render: () => <Monitoring />,
    description: 'alerts on a map of sites and landmarks; triage; report',
  },
  {
    path: '/audit',
    title: 'Audit log',
    roles: ALL,
    render: () => <Audit />,
    description: 'signed checkpoints, entries, inclusion proofs verified in your browser',
  },
  {
    path: '/lists',
    title: 'Screening lists',
    roles: ['regulator'],
    render: () => <Lists />,
    description: 'list versions; import a list with progress',
  },
  {
    path: '/new-request',
    title: 'New request',
    roles: ['exporter'],
    render: () => <NewRequest />,
    description: 'determine a planned export under every framework, then submit it',
  },
  {
    path: '/requests',
    title: 'Requests',
    roles: ['exporter', 'regulator', 'auditor'],
    render: () => <Requests />,
    description: 'requests, their determinations and screening holds',
  },
  {
    path: '/requests/:id',
    title: 'Request',
    roles: ['exporter', 'regulator', 'auditor'],
    render: ({ id }) => <RequestDetail id={id ?? ''} />,
    inNav: false,
  },
  {
    path: '/licenses',
    title: 'Licenses',
    roles: ['exporter', 'regulator', 'auditor'],
    render: () => <Licenses />,
    description: 'chips and TPP shipped against each license',
  },
  {
    path: '/licenses/:id',
    title: 'License',
    roles: ['exporter', 'regulator', 'auditor'],
    render: ({ id }) => <LicenseDetail id={id ?? ''} />,
    inNav: false,
  },
  {
    path: '/shipments',
    title: 'Shipments',
    roles: ['exporter', 'regulator'],
    render: () => <Shipments />,
    description: 'record a shipment against a license',
  },
  {
    path: '/shipments/:id',
    title: 'Record a shipment',
    roles: ['exporter'],
    render: ({ id }) => <Shipments id={id} />,
    inNav: false,
  },
  {
    path: '/devices',
    title: 'Devices',
    roles: ['exporter'],
    render: () => <Devices />,
    description: 'monitoring status of your chips and open alerts',
  },
  {
    path: '/analysis',
    title: 'Analysis',
    roles: ALL,
    render: () => (
      <PageSuspense>
        <Analysis />
      </PageSuspense>
    ),
    description: 'compare the frameworks on a portfolio of planned exports',
  },
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
