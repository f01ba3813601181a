// The access keys the gateway accepts: those the server was started with, and those the control
// API adds at run time (temporary credentials), which a reset forgets.
import type { AccessKeyCredential } from "./gateway-auth.js";

export class AccessKeyRegistry {
  private readonly keys: Map<string, AccessKeyCredential>;
  private readonly added = new Set<string>();

  constructor(configured: readonly AccessKeyCredential[]) {
    this.keys = new Map(configured.map((key) => [key.accessKey, key]));
  }

  get(accessKey: string): AccessKeyCredential | undefined {
    return this.keys.get(accessKey);
  }

  has(accessKey: string): boolean {
    return this.keys.has(accessKey);
  }

  /** Accepts `key` from now on; false, and nothing changed, when its access key is taken already. */
  add(key: AccessKeyCredential): boolean {
    if (this.keys.has(key.accessKey)) return false;
    this.keys.set(key.accessKey, key);
    this.added.add(key.accessKey);
    return true;
  }

  /** Forgets every key `add` added (the configured ones stay); answers their access keys. */
  forgetAdded(): string[] {
    const forgotten = [...this.added];
    for (const accessKey of forgotten) this.keys.delete(accessKey);
    this.added.clear();
    return forgotten;
  }
}
