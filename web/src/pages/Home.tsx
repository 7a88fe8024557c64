import { PageHeader } from '../components.js';
import { visibleRoutes } from '../routes.js';
import { useSession } from '../session.js';

/** Where each role starts: its main tasks, as links. */
export function Home() {
  const { me } = useSession();
  const routes = visibleRoutes(me.role).filter((r) => r.path !== '/' && r.inNav !== false);
  return (
    <>
      <PageHeader title={`Welcome, ${me.organizationName}`} />
      <p>
        Signed in as <strong>{me.organizationName}</strong> ({me.role}
        {me.country ? `, ${me.country}` : ''}).
      </p>
      <ul className="task-list">
        {routes.map((r) => (
          <li key={r.path}>
            <a href={`#${r.path}`}>{r.title}</a>
            {r.description ? <span className="muted"> — {r.description}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
