import { type ReactNode, Suspense } from 'react';
import { Loading } from './components.js';

/**
 * Where a page loaded on first visit (React.lazy, its own chunk) waits for its code: heavy
 * pages (charts, maps) stay out of the bundle every sign-in downloads.
 */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>;
}
