/**
 * Preformatted text (JSON, a signed note) in a box that scrolls: a labelled region that takes
 * keyboard focus, so keyboard users can scroll it too.
 */
export function ScrollBox({ label, children }: { label: string; children: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="scroll-box" aria-label={label} tabIndex={0}>
      <pre>{children}</pre>
    </section>
  );
}
