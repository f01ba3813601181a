// Minimal ANSI styling, switched off unless the stream is a terminal and NO_COLOR is unset. The
// escape sequences are the CLI's own (own()), the only ones Out.write lets through.
import { own } from "./terminal-text.js";

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

const plain: Style = {
  bold: (t) => t,
  dim: (t) => t,
  red: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
};

const sgr = (open: number, close: number) => (text: string) =>
  `${own(`\u001b[${open}m`)}${text}${own(`\u001b[${close}m`)}`;

const ansi: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
};

/** https://no-color.org: any non-empty NO_COLOR turns colour off, even on a terminal. */
export function styleFor(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): Style {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  return stream.isTTY === true && !noColor && env.TERM !== "dumb" ? ansi : plain;
}
