export { type ManagedProcess, type ProcessExit, type ProcessOptions, startProcess } from "./process.js";
