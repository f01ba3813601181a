export { type ManagedProcess, type ProcessExit, type ProcessOptions, startProcess } from "./process.js";
export {
  closedPortUrl,
  forwardTo,
  type RecordedRequest,
  type RecordingServer,
  type RecordingServerOptions,
  type Reply,
  startRecordingServer,
} from "./recording-server.js";
