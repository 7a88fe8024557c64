import pc from 'picocolors';
import { formatNumber } from '../rules/render.js';

/**
 * Colour on a terminal, by the conventions of no-color.org and FORCE_COLOR: NO_COLOR (any
 * non-empty value) turns it off, FORCE_COLOR turns it on off a terminal (FORCE_COLOR=0: off),
 * and a `dumb` terminal gets none.
 */
export function colourEnabled(
  env: NodeJS.ProcessEnv = process.env,
  isTTY: boolean = Boolean(process.stdout.isTTY),
): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY && env['TERM'] !== 'dumb';
}

export const colour = colourEnabled();
const colours = pc.createColors(colour);
export const c = colours;

export const num = formatNumber;

export const words = (code: string | null | undefined): string => (code ? code.replace(/-/g, ' ') : '—');

export function outcomeColour(outcome: string): (text: string) => string {
  switch (outcome) {
    case 'license-required':
      return colours.red;
    case 'license-exception':
      return colours.yellow;
    case 'no-license-required':
    case 'not-controlled':
      return colours.green;
    default:
      return colours.magenta;
  }
}

export function satisfiedText(s: boolean | null): string {
  return s === true
    ? colours.green('met')
    : s === false
      ? colours.red('not met')
      : colours.yellow('to be shown');
}

/** Wraps a paragraph to the terminal width (80 when not a terminal). */
export function wrap(text: string, indent = '', width = process.stdout.columns || 100): string {
  const max = Math.max(40, Math.min(width, 120) - indent.length);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}
