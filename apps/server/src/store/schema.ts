// The tables as Kysely sees them (column names as in SQL). migrations.ts creates them; keep both in step.
import type { Generated, JSONColumnType } from "kysely";
import type {
  ImageRecord,
  NotebookImageRef,
  NotebookLease,
  NotebookRecord,
  NotebookStep,
  SaveJobPhase,
  TransitionSettings,
} from "../domain/store-port.js";

export interface NotebooksTable {
  id: string;
  project_id: string;
  name: string;
  description: string;
  status: NotebookRecord["status"];
  fail_reason: string | null;
  flavor: string;
  workspace_id: string;
  image: JSONColumnType<NotebookImageRef>;
  steps: JSONColumnType<NotebookStep[]>;
  lease: JSONColumnType<NotebookLease>;
  create_at: number;
  update_at: number;
}

export interface ImagesTable {
  id: string;
  project_id: string;
  notebook_id: string | null;
  name: string;
  tag: string;
  namespace: string;
  description: string | null;
  workspace_id: string;
  status: ImageRecord["status"];
  status_message: string | null;
  swr_path: string;
  size: number | null;
  arch: ImageRecord["arch"];
  origin: ImageRecord["origin"];
  type: ImageRecord["type"];
  service_type: ImageRecord["serviceType"];
  visibility: ImageRecord["visibility"];
  create_at: number;
  update_at: number;
}

export interface NamespacesTable {
  name: string;
}

export interface SaveJobsTable {
  id: string;
  image_id: string;
  notebook_id: string;
  project_id: string;
  phase: SaveJobPhase;
  local_ref: string | null;
  size: number | null;
  failure: string | null;
  faulted: boolean;
  due_at: number | null;
  claimed_by: string | null;
  lease_until: number | null;
  attempts: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface SettingsTable {
  /** Always 1: the table holds one row. */
  id: number;
  transitions: JSONColumnType<TransitionSettings>;
  fail_next_saves: number;
  fault_status_message: string;
}

export interface Database {
  notebooks: NotebooksTable;
  images: ImagesTable;
  namespaces: NamespacesTable;
  save_jobs: SaveJobsTable;
  settings: SettingsTable;
}
