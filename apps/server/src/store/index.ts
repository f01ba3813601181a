// The store layer's entry: openStore() implements the domain's StorePort (../domain/store-port.ts).
export { DataDirLockedError } from "./data-dir-lock.js";
export { openStore } from "./open-store.js";
