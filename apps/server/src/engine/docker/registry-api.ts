// The registry's own HTTP API (OCI distribution): what is really stored there decides an image's
// size (the compressed layers as pushed), whether a name:tag is taken (2884), and what DeleteImage
// with force removes. The push stream is not trusted for any of it (it misreports sizes).
import { EngineError, type ImageTarget } from "../engine.js";

const MANIFEST_TYPES = [
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");
const REQUEST_TIMEOUT_MS = 30_000;

interface Manifest {
  config?: { digest: string; size: number };
  layers?: { digest: string; size: number }[];
}

export interface RegistryApiOptions {
  /** "http" or "https"; default: http for a loopback host (a local registry), https otherwise. */
  protocol?: "http" | "https" | undefined;
  /** Sent as HTTP basic credentials on every call (a registry with htpasswd auth); default none. */
  credentials?: { username: string; password: string } | undefined;
}

export class RegistryApi {
  private readonly authorization: string | undefined;

  constructor(private readonly options: RegistryApiOptions = {}) {
    const { credentials } = options;
    this.authorization = credentials
      ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`
      : undefined;
  }

  /** Checks that the registry answers its API (`GET /v2/`: 200, or 401 when it wants credentials). */
  async ping(registryHost: string): Promise<void> {
    const url = `${this.protocolFor(registryHost)}://${registryHost}/v2/`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new EngineError(
        "engine-unavailable",
        `The registry ${registryHost} (--registry-host) does not answer at ${url}: ${causeOf(error)}. Saved images are pushed there: start it (pnpm dev:engine starts one), or give the host of a running registry.`,
      );
    }
    if (response.status !== 200 && response.status !== 401) {
      throw new EngineError(
        "engine-unavailable",
        `${url} answered HTTP ${response.status}: is ${registryHost} an OCI registry?`,
      );
    }
  }

  /** Whether the manifest of name:tag exists in the target's registry. */
  async exists(target: ImageTarget, signal?: AbortSignal): Promise<boolean> {
    const response = await this.fetch(target, `manifests/${target.tag}`, { method: "HEAD", signal });
    if (response.status === 404) return false;
    if (response.ok) return true;
    // Refused (no or wrong credentials): the registry cannot say, so the push decides, and a push
    // it refuses ends the save CREATE_FAILED with the registry's own message.
    if (response.status === 401 || response.status === 403) return false;
    throw this.unexpected(target, "look up", response);
  }

  /**
   * Compressed size in bytes of the pushed image: the sum of its layers' sizes in the manifest the
   * registry stores, which is what a pull downloads. Each size is bound to its layer's digest (a
   * pull that got another byte count fails verification), so the blobs need no HEAD of their own.
   */
  async size(target: ImageTarget, signal?: AbortSignal): Promise<number> {
    const response = await this.fetch(target, `manifests/${target.tag}`, { signal });
    if (response.status === 404) {
      throw new EngineError("push-failed", `${reference(target)} is not in the registry after its push`);
    }
    if (!response.ok) throw this.unexpected(target, "read the manifest of", response);
    const manifest = (await response.json()) as Manifest;
    const layers = manifest.layers ?? [];
    if (layers.some((layer) => !Number.isSafeInteger(layer.size) || layer.size < 0)) {
      throw new EngineError(
        "engine-unavailable",
        `the registry ${target.registryHost} holds a manifest of ${reference(target)} without layer sizes`,
      );
    }
    return layers.reduce((sum, layer) => sum + layer.size, 0);
  }

  /** Removes name:tag from the registry (its manifest, by digest). Already gone: nothing to do. */
  async deleteTag(target: ImageTarget, signal?: AbortSignal): Promise<void> {
    const head = await this.fetch(target, `manifests/${target.tag}`, { method: "HEAD", signal });
    if (head.status === 404) return;
    if (!head.ok) throw this.unexpected(target, "look up", head);
    const digest = head.headers.get("docker-content-digest");
    if (!digest)
      throw new EngineError("engine-unavailable", `the registry gave no digest for ${reference(target)}`);
    const deleted = await this.fetch(target, `manifests/${digest}`, { method: "DELETE", signal });
    if (deleted.status === 404 || deleted.ok) return;
    throw this.unexpected(target, "delete", deleted);
  }

  private async fetch(
    target: ImageTarget,
    path: string,
    init: { method?: string; signal?: AbortSignal | undefined },
  ): Promise<Response> {
    const url = `${this.protocolFor(target.registryHost)}://${target.registryHost}/v2/${target.namespace}/${target.name}/${path}`;
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    try {
      return await fetch(url, {
        method: init.method ?? "GET",
        headers: {
          accept: MANIFEST_TYPES,
          ...(this.authorization ? { authorization: this.authorization } : {}),
        },
        signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
      });
    } catch (error) {
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new EngineError(
        "engine-unavailable",
        `the registry ${target.registryHost} cannot be reached: ${cause}`,
      );
    }
  }

  private protocolFor(registryHost: string): "http" | "https" {
    if (this.options.protocol) return this.options.protocol;
    const host = registryHost.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || host.startsWith("127.") ? "http" : "https";
  }

  private unexpected(target: ImageTarget, action: string, response: Response): EngineError {
    return new EngineError(
      "engine-unavailable",
      `the registry ${target.registryHost} could not ${action} ${reference(target)}: HTTP ${response.status}`,
    );
  }
}

function causeOf(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** `<registry host>/<namespace>/<name>:<tag>`: the swr_path of a saved image. */
export function reference(target: ImageTarget): string {
  return `${target.registryHost}/${target.namespace}/${target.name}:${target.tag}`;
}

/** The repository part of the reference (everything before `:tag`). */
export function repository(target: ImageTarget): string {
  return `${target.registryHost}/${target.namespace}/${target.name}`;
}
