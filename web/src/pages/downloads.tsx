import { useState } from 'react';
import { ErrorMessage } from '../components.js';
import { useSession } from '../session.js';

/**
 * Files the API makes (CSV exports, evidence bundles, SNAP-R packs) need the API key, so they
 * are fetched by the client and handed to the browser: saved, or opened in a new tab.
 */
export function DownloadButton({
  path,
  filename,
  label,
  open = false,
}: {
  path: string;
  filename: string;
  label: string;
  /** Open in a new tab (printable HTML) instead of saving. */
  open?: boolean;
}) {
  const { api } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const blob = await api<Blob>(path, { blob: true });
      const url = URL.createObjectURL(blob);
      if (open) {
        window.open(url, '_blank', 'noopener');
      } else {
        const a = document.createElement('a');
        a.href = url;
        a.download = filename;
        a.click();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download">
      <button type="button" className="secondary" onClick={() => void run()} disabled={busy}>
        {busy ? `${label}…` : label}
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}
