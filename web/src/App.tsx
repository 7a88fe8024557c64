import { useEffect, useMemo, useState } from 'react';
import { apiClient, type Me, whoAmI } from './api.js';
import { useHashRoute } from './hooks.js';
import { SignIn } from './pages/SignIn.js';
import { matchRoute, visibleRoutes } from './routes.js';
import { keyStore, type Session, SessionProvider } from './session.js';

export function App() {
  const [signedIn, setSignedIn] = useState<{ key: string; me: Me } | null>(null);
  const [restoring, setRestoring] = useState(() => keyStore.get() !== null);

  useEffect(() => {
    const key = keyStore.get();
    if (!key) return;
    whoAmI(key).then(
      (me) => {
        setSignedIn({ key, me });
        setRestoring(false);
      },
      () => {
        keyStore.clear();
        setRestoring(false);
      },
    );
  }, []);

  const session = useMemo<Session | null>(
    () =>
      signedIn && {
        me: signedIn.me,
        api: apiClient(signedIn.key),
        signOut: () => {
          keyStore.clear();
          setSignedIn(null);
          window.location.hash = '/';
        },
      },
    [signedIn],
  );

  if (restoring) return null;
  if (!session) {
    return (
      <SignIn
        onSignedIn={(key, me) => {
          keyStore.set(key);
          setSignedIn({ key, me });
        }}
      />
    );
  }
  return (
    <SessionProvider session={session}>
      <Shell session={session} />
    </SessionProvider>
  );
}

function Shell({ session }: { session: Session }) {
  const route = useHashRoute();
  const { me } = session;
  const nav = visibleRoutes(me.role).filter((r) => r.inNav !== false);
  const matched = matchRoute(me.role, route);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">chipexport</span>
        <span className="who">
          {me.organizationName} · <span className="role">{me.role}</span>
        </span>
        <button type="button" onClick={session.signOut}>
          Sign out
        </button>
      </header>
      <nav aria-label="Main" className="sidenav">
        <ul>
          {nav.map((r) => (
            <li key={r.path}>
              <a href={`#${r.path}`} aria-current={matched?.route.path === r.path ? 'page' : undefined}>
                {r.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} className="content">
        {matched ? (
          matched.route.render({ id: matched.id })
        ) : (
          <p role="alert">
            There is no page “{route}” for the {me.role} role. <a href="#/">Home</a>
          </p>
        )}
      </main>
    </div>
  );
}
