import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, type Me, whoAmI } from '../api.js';
import { ErrorMessage } from '../components.js';

interface DemoAccount {
  organization: string;
  role: string;
  key: string;
}

/**
 * The first page: an API key in a password field. When the service runs with --demo it also
 * lists the demo organizations, so a newcomer can sign in as each role with one click.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (key: string, me: Me) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoAccount[]>([]);

  useEffect(() => {
    fetch('/demo/accounts')
      .then((r) => (r.ok ? r.json() : { accounts: [] }))
      .then((body: { accounts?: DemoAccount[] }) => setDemo(body.accounts ?? []))
      .catch(() => setDemo([]));
  }, []);

  const signIn = async (candidate: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const me = await whoAmI(candidate.trim());
      onSignedIn(candidate.trim(), me);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401 ? new Error('That API key is not valid.') : (e as Error),
      );
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!key.trim()) {
      setError(new Error('Enter an API key.'));
      return;
    }
    void signIn(key);
  };

  return (
    <main className="signin">
      <h1>chipexport</h1>
      <p className="muted">
        Export controls on advanced AI chips: determinations, licenses, screening, monitoring.
      </p>
      <form onSubmit={submit} aria-label="Sign in">
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorMessage error={error} />
      </form>
      {demo.length > 0 ? (
        <section aria-labelledby="demo-heading" className="demo-accounts">
          <h2 id="demo-heading">Demo organizations</h2>
          <p className="muted">This service runs with demo data. Sign in as one of its organizations:</p>
          <ul>
            {demo.map((account) => (
              <li key={account.organization}>
                <button type="button" onClick={() => void signIn(account.key)} disabled={busy}>
                  {account.organization} <span className="muted">({account.role})</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
