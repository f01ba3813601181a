// What the domain needs from storage, and nothing about how it is stored. The store layer
// (src/store/: Kysely over PGlite or PostgreSQL) implements it; the domain imports only this file,
// so it never sees a database driver. Times are milliseconds since the Unix epoch, given by the
// domain's clock (the store never reads its own clock: tests and `manual` transitions control time).
// Every int8 comes back as a JS number, whatever the driver returns.
import type { components as controlComponents } from "@notebook-image/spec/control-types";
import type { components } from "@notebook-image/spec/types";

type Schemas = components["schemas"];
type ControlSchemas = controlComponents["schemas"];

/** Image status as the spec enumerates it (INIT, CREATING, ACTIVE, CREATE_FAILED, ERROR, DELETED). */
export type ImageStatus = Schemas["ImageStatus"];

/** Notebook status as the spec enumerates it (RUNNING, STOPPED, SNAPSHOTTING...). */
export type NotebookStatus = Schemas["NotebookStatus"];

/** The image a notebook instance runs (ShowNotebook's `image`). */
export interface NotebookImageRef {
  id: string;
  name: string;
  swrPath: string;
  /** BUILD_IN for the base image it was created from, DEDICATED once it points at a saved image. */
  type: Schemas["ImageType"];
}

/**
 * The automatic stop a notebook was given (ShowNotebook's and RenewLease's `lease`): it may run
 * until its createAt + duration. Recorded and shown; this server never stops a notebook by itself.
 */
export interface NotebookLease {
  /** Milliseconds from the notebook's createAt. */
  duration: number;
  type: NonNullable<Schemas["NotebookLease"]["type"]>;
}

/**
 * A status a notebook reaches by itself after an operation (CreateNotebook: STARTING, then RUNNING),
 * at a time given by the transitions mode; null: held until set by hand (`manual` transitions).
 * DELETED as the last step removes the notebook.
 */
export interface NotebookStep {
  status: NotebookStatus;
  at: number | null;
}

export interface NotebookRecord {
  id: string;
  projectId: string;
  name: string;
  description: string;
  status: NotebookStatus;
  /** Why the instance failed (ShowNotebook's fail_reason); null when it did not. */
  failReason: string | null;
  flavor: string;
  workspaceId: string;
  image: NotebookImageRef;
  /** The statuses still to come, earliest first (see notebook-steps.ts); empty when it is settled. */
  steps: NotebookStep[];
  lease: NotebookLease;
  createAt: number;
  updateAt: number;
}

export interface ImageRecord {
  id: string;
  projectId: string;
  /** The notebook instance the image was saved from; null for images not made by a save. */
  notebookId: string | null;
  name: string;
  tag: string;
  namespace: string;
  description: string | null;
  workspaceId: string;
  status: ImageStatus;
  statusMessage: string | null;
  swrPath: string;
  /** Null until the push is measured. */
  size: number | null;
  arch: Schemas["ImageArch"];
  origin: NonNullable<Schemas["Image"]["origin"]>;
  /** BUILD_IN or DEDICATED (saved images are DEDICATED). */
  type: Schemas["ImageType"];
  serviceType: Schemas["ImageServiceType"];
  visibility: NonNullable<Schemas["Image"]["visibility"]>;
  createAt: number;
  updateAt: number;
}

/** Fields of an image the list can be sorted by (the domain maps the API's sort_key names to these). */
export type ImageSortField = "createAt" | "updateAt" | "name" | "tag" | "namespace" | "status" | "size";

export interface ImageListQuery {
  projectId: string;
  /** Page size (> 0) and number of records to skip. */
  limit: number;
  offset: number;
  /** Exact name, or a case-sensitive substring of it when nameFuzzyMatch. */
  name?: string | undefined;
  nameFuzzyMatch: boolean;
  namespace?: string | undefined;
  serviceType?: Schemas["ImageServiceType"] | undefined;
  type?: Schemas["ImageType"] | undefined;
  workspaceId?: string | undefined;
  /** Sorted by these fields in order, then by id so that paging is stable. */
  sort: ImageSortField[];
  sortDir: "ASC" | "DESC";
}

export interface ImagePage {
  images: ImageRecord[];
  /** Records matching the filters over all pages. */
  total: number;
}

/**
 * Phases a save job goes through, persisted where a crash would otherwise lose or repeat work that
 * matters (see save-phases.ts): queued → saving (the engine's commit, push and measure, idempotent
 * by job id) → sized (size; waiting for its due time) → done | failed; or queued → held (CREATING,
 * nothing asked of the engine until the finish is due: a fault, or the simulated engine) → done | failed.
 */
export type SaveJobPhase = "queued" | "saving" | "sized" | "held" | "done" | "failed";

export interface SaveJob {
  id: string;
  imageId: string;
  notebookId: string;
  projectId: string;
  phase: SaveJobPhase;
  /** Local intermediate image of the engine, once committed. */
  localRef: string | null;
  /** Size in bytes, once sized. */
  size: number | null;
  /** Reason of a failed job, or a fault injected at enqueue (the save fails with it when due). */
  failure: string | null;
  /** Set at enqueue from the pending faults: this save is to end CREATE_FAILED with `failure`. */
  faulted: boolean;
  /**
   * When the job may next be claimed. Null: held until advanced by hand (`manual` transitions).
   * `time` transitions set it in the future; `immediate` sets it to now.
   */
  dueAt: number | null;
  /** Worker holding the job and until when; another worker may claim it once the lease is over. */
  claimedBy: string | null;
  leaseUntil: number | null;
  /** How many times the job was claimed (a resumed job has attempts > 1). */
  attempts: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewSaveJob {
  id: string;
  notebookId: string;
  projectId: string;
  /**
   * Takes one of the pending faults (POST /_control/faults), if there is one, as the job is
   * recorded: the save is then to end CREATE_FAILED with its message. A refused job takes none.
   */
  takeFault: boolean;
  dueAt: number | null;
  createdAt: number;
  /**
   * The notebook's updateAt as its checks read it: the job is refused (NotebookChangedError) when
   * the notebook changed since (a save of it began or ended, its status was set). Left out: not checked.
   */
  notebookReadAt?: number | undefined;
}

/** Fields a worker may change as a job moves on. */
export type SaveJobPatch = Partial<Pick<SaveJob, "phase" | "localRef" | "size" | "failure" | "dueAt">>;

/** What one step of a save changes, written at once (one statement) and only while the worker holds the job. */
export interface SaveRecord {
  job: SaveJobPatch;
  /** The job is given back, to be claimed again at its due time (always, once done or failed). */
  release: boolean;
  image?: Partial<Pick<ImageRecord, "status" | "statusMessage" | "size">> | undefined;
  notebook?: { status: NotebookStatus; image?: NotebookImageRef | undefined } | undefined;
}

/** A job as claimed, with its image (undefined if that record is gone). */
export interface ClaimedSave {
  job: SaveJob;
  image: ImageRecord | undefined;
}

/** How time passes for a save, and the saves made to fail: the control API's shapes. */
export type TransitionSettings = ControlSchemas["TransitionSettings"];
export type FaultSettings = ControlSchemas["FaultSettings"];

export interface ServerSettings {
  transitions: TransitionSettings;
  faults: FaultSettings;
}

/** insert() of an image whose (namespace, name, tag) exists already: the store's unique index says so. */
export class DuplicateImageError extends Error {
  override readonly name = "DuplicateImageError";
}

/** enqueue() of a job whose notebook changed since it was read (NewSaveJob.notebookReadAt). */
export class NotebookChangedError extends Error {
  override readonly name = "NotebookChangedError";
}

/** enqueue() of a job for a notebook that has an unfinished one: the store's unique index says so. */
export class ActiveSaveExistsError extends Error {
  override readonly name = "ActiveSaveExistsError";
}

/** The fields of a notebook an update can change; those left out or undefined stay as they are. */
export type NotebookPatch = {
  [Field in
    | "status"
    | "failReason"
    | "image"
    | "updateAt"
    | "name"
    | "description"
    | "flavor"
    | "steps"
    | "lease"]?: NotebookRecord[Field] | undefined;
};

export interface NotebookRepository {
  get(projectId: string, id: string): Promise<NotebookRecord | undefined>;
  /** Same as get, holding a row lock until the transaction ends (SELECT ... FOR UPDATE). */
  getForUpdate(projectId: string, id: string): Promise<NotebookRecord | undefined>;
  /** Any project: the control API addresses notebooks by id alone. */
  getById(id: string): Promise<NotebookRecord | undefined>;
  list(projectId: string): Promise<NotebookRecord[]>;
  /** Every project's, oldest first (the control API's state export). */
  listAll(): Promise<NotebookRecord[]>;
  /** Rejects when the id exists. */
  insert(notebook: NotebookRecord): Promise<void>;
  /** Returns the updated record, or undefined when there is no such notebook. Undefined fields stay. */
  update(id: string, patch: NotebookPatch): Promise<NotebookRecord | undefined>;
  /** Removes the record; returns whether there was one. */
  delete(id: string): Promise<boolean>;
}

export interface ImageRepository {
  get(projectId: string, id: string): Promise<ImageRecord | undefined>;
  /** The image of this namespace, name and tag, in any project (SWR paths are global). */
  findByTarget(target: { namespace: string; name: string; tag: string }): Promise<ImageRecord | undefined>;
  list(query: ImageListQuery): Promise<ImagePage>;
  /** Every project's, oldest first (the control API's state export). */
  listAll(): Promise<ImageRecord[]>;
  /** Rejects with DuplicateImageError when (namespace, name, tag) is taken. */
  insert(image: ImageRecord): Promise<void>;
  update(
    id: string,
    patch: Partial<Pick<ImageRecord, "status" | "statusMessage" | "size" | "updateAt">>,
  ): Promise<ImageRecord | undefined>;
  /** Shows a save's progress as the image's status_message, only while the image is CREATING. */
  showProgress(id: string, message: string, now: number): Promise<void>;
  /** Removes the record; returns whether there was one. */
  delete(projectId: string, id: string): Promise<boolean>;
  count(): Promise<number>;
}

export interface NamespaceRepository {
  /** Answered from memory for a namespace seen to exist, until namespaces change. */
  exists(name: string): Promise<boolean>;
  /** Idempotent. */
  add(name: string): Promise<void>;
  list(): Promise<string[]>;
}

export interface SaveJobQueue {
  /**
   * Records a new image and its save job together. Rejects with ActiveSaveExistsError when the
   * notebook has a job not yet done or failed, with DuplicateImageError when the image's
   * (namespace, name, tag) is taken, with NotebookChangedError when the notebook changed since
   * `notebookReadAt`.
   */
  enqueue(job: NewSaveJob, image: ImageRecord): Promise<SaveJob>;
  get(id: string): Promise<SaveJob | undefined>;
  getByImage(imageId: string): Promise<SaveJob | undefined>;
  /** The notebook's job that is neither done nor failed, if any. */
  activeForNotebook(notebookId: string): Promise<SaveJob | undefined>;
  /**
   * Claims the oldest job that is not done or failed, whose dueAt <= now, and that no worker holds
   * (claimedBy null, or its lease ended before now): sets claimedBy, leaseUntil = now + leaseMs,
   * attempts + 1. Uses FOR UPDATE SKIP LOCKED so that replicas on one PostgreSQL never claim the
   * same job. Undefined when no job is due.
   */
  claimNext(input: { workerId: string; now: number; leaseMs: number }): Promise<ClaimedSave | undefined>;
  /**
   * Writes a step of a save (the job, its image and its notebook together) only while workerId holds
   * the job; undefined when the worker lost it (lease taken over, job reset).
   */
  record(id: string, workerId: string, change: SaveRecord, now: number): Promise<ClaimedSave | undefined>;
  /** Extends the lease of a job workerId holds; false when it lost the job. */
  renew(id: string, workerId: string, leaseUntil: number, now: number): Promise<boolean>;
  /** Gives a held job back as it stands (the worker shuts down: the next claim resumes it). */
  release(id: string, workerId: string, now: number): Promise<void>;
  /** Changes dueAt of an unfinished job whoever holds it (manual advance; `immediate` after `manual`). */
  setDue(id: string, dueAt: number | null, now: number): Promise<SaveJob | undefined>;
  /** Every unfinished job held by a worker whose lease ended before now: saves a crash interrupted. */
  listInterrupted(now: number): Promise<SaveJob[]>;
  /**
   * Clears the claim of every unfinished job, whoever holds it. Only for a store that this process
   * owns alone (the PGlite data dir, locked): after a crash, no other worker can be alive.
   */
  releaseAll(now: number): Promise<number>;
  /** Earliest dueAt among unfinished unclaimed jobs (what a worker starting up waits for). */
  nextDueAt(): Promise<number | undefined>;
  /** Every unfinished job (the control API's view, and tests). */
  listUnfinished(): Promise<SaveJob[]>;
}

export interface SettingsRepository {
  /** Held in memory, read again once they changed (through this server or another on the same database). */
  get(): Promise<ServerSettings>;
  setTransitions(transitions: TransitionSettings): Promise<void>;
  setFaults(faults: FaultSettings): Promise<void>;
  /**
   * Atomically takes one pending fault: when failNextSaves > 0, decrements it and returns the
   * statusMessage; otherwise undefined. Concurrent saves never take the same fault twice.
   */
  takeFault(): Promise<string | undefined>;
}

/** The repositories, usable alone or inside one transaction. */
export interface StoreSession {
  notebooks: NotebookRepository;
  images: ImageRepository;
  namespaces: NamespaceRepository;
  saveJobs: SaveJobQueue;
  settings: SettingsRepository;
}

export interface StorePort extends StoreSession {
  /** Runs fn in one transaction: all of its writes or none; row locks (getForUpdate) held until it ends. */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  /** Deletes every notebook, image, namespace and job and restores default settings (POST /_control/reset). */
  reset(defaults: ServerSettings): Promise<void>;
  /**
   * Calls listener with the due time of every save job that becomes claimable (queued, given back,
   * its due time changed), whichever server on this database did it; `undefined`: look now (some
   * notices may have been missed). Returns a function that unsubscribes.
   */
  onSaveDue(listener: (dueAt: number | undefined) => void): () => void;
  /** True when this process owns the store alone (PGlite data dir or memory), so releaseAll is safe. */
  readonly exclusive: boolean;
  close(): Promise<void>;
}

/**
 * How the server opens its store (src/store/ exports an `openStore` of this type). Exactly one of
 * databaseUrl (PostgreSQL), dataDir (PGlite on disk, locked against a second server) or inMemory
 * (PGlite in memory). Migrations run on open; settings start as `defaults` in a new database.
 */
export type OpenStore = (options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  inMemory?: boolean | undefined;
  defaults: ServerSettings;
  /** Called with the SQL of every statement sent to the database (tests count them). */
  onStatement?: ((sql: string) => void) | undefined;
}) => Promise<StorePort>;
