// Reads Prism's console output. Prism (5.14) writes its log through signale to stdout, one line per
// event ("[9:46:21 AM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:44661"); when it
// cannot start it logs a `fatal` line there and, for some errors (a port in use), prints only its
// yargs help followed by the error message on stderr.

const LISTENING = /Prism is listening on (\S+)/;
const LOG_LINE_START = /^\[\d{1,2}:\d{2}:\d{2}/;
const FATAL = /✖\s+fatal\s*(.*)$/;
// The last option of `prism mock --help` and of `prism proxy --help`: everything after it on stderr
// is the error itself.
const HELP_LAST_LINE = /^\s+--(?:seed|upstream-proxy)\b.*$/m;

/**
 * The URL of a "Prism is listening on <url>" line, or undefined for any other line.
 * @param {string} line
 * @returns {string | undefined}
 */
export function listeningUrl(line) {
  return LISTENING.exec(line)?.[1];
}

/**
 * Prism's own reason for failing to start, taken from what it printed before exiting.
 * @param {string} stdout
 * @param {string} stderr
 * @returns {string}
 */
export function startupFailure(stdout, stderr) {
  const fatal = fatalMessage(stdout);
  if (fatal) return fatal;
  const afterHelp = stderr.split(HELP_LAST_LINE).pop() ?? "";
  const message = afterHelp
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
  return message || stdout.trim() || "Prism exited without saying why";
}

/**
 * The text of the first `fatal` log line and the continuation lines below it.
 * @param {string} stdout
 * @returns {string}
 */
function fatalMessage(stdout) {
  const lines = stdout.split("\n");
  const at = lines.findIndex((line) => FATAL.test(line));
  if (at < 0) return "";
  const message = [FATAL.exec(lines[at] ?? "")?.[1] ?? ""];
  for (const line of lines.slice(at + 1)) {
    if (LOG_LINE_START.test(line)) break;
    message.push(line);
  }
  return message.join("\n").trim();
}

// Prism logs a request to a path the API does not have (a browser opening http://127.0.0.1:4010/,
// its favicon) as an error of its own, though the mock answers it as the gateway would: 404 APIGW.0101.
const NO_PATH_MATCHED =
  /✖\s+error\s+Request terminated with error: \S+#NO_PATH_MATCHED_ERROR: Route not resolved, no path matched$/;

/**
 * A line of Prism's log as the bin prints it: a request to a path the API lacks is an ordinary
 * answer (ℹ info), not an error; every other line as it is.
 * @param {string} line
 * @returns {string}
 */
export function readableLogLine(line) {
  return line.replace(
    NO_PATH_MATCHED,
    "ℹ  info      Answered 404 APIGW.0101: no operation of the API has this path",
  );
}

// Prism's reload of a rewritten spec (`pnpm dev` rewrites it on every edit) prints about eight lines:
// "Restarting Prism...", "Loading the updated operations...", "Starting Prism…", a line per
// operation and "Prism is listening on …". The operations were listed at start already.
const RESTARTING = /\[HTTP SERVER\] ℹ\s+info\s+Restarting Prism\.\.\.$/;
const RELOAD_STEP =
  /(\[HTTP SERVER\] ℹ\s+info\s+Loading the updated operations\.\.\.|\[CLI\] …\s+awaiting\s+Starting Prism…)$/;
/** "[12:15:36 PM]": the time Prism puts first on its lines. */
const STAMP = /^\[[^\]]*\]/;
const OPERATION_LINE = /\[CLI\] ℹ\s+info\s+[A-Z]+\s+https?:\/\/\S+$/;

/**
 * A log printer that says a reload of the spec in one line ("the spec changed: 5 operations
 * reloaded, listening on …"); every other line, a failed reload's included, goes to `print` as it is.
 * @param {(line: string) => void} print
 * @returns {(line: string) => void}
 */
export function reloadInOneLine(print) {
  let reloading = false;
  let operations = 0;
  return (line) => {
    if (RESTARTING.test(line)) {
      reloading = true;
      operations = 0;
      return;
    }
    if (reloading && RELOAD_STEP.test(line)) return;
    if (reloading && OPERATION_LINE.test(line)) {
      operations += 1;
      return;
    }
    const url = reloading ? listeningUrl(line) : undefined;
    if (url === undefined) {
      print(line);
      return;
    }
    reloading = false;
    const said = `the spec changed: ${operations} operations reloaded, listening on ${url}`;
    const stamp = STAMP.exec(line)?.[0];
    print(stamp ? `${stamp} › [CLI] ↻  reload    ${said}` : said);
  };
}
