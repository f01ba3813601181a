// The save-job queue. Jobs live in the database so that a crash loses none, and are claimed with
// FOR UPDATE SKIP LOCKED so that replicas on one PostgreSQL never run one job twice: a claim sets
// claimed_by and a lease, and every later write names the worker, so a worker that lost its job
// (its lease ran out and another claimed it) can no longer change it.
import { type Expression, type Kysely, type Selectable, type SqlBool, sql } from "kysely";
import {
  ActiveSaveExistsError,
  type SaveJob,
  type SaveJobPatch,
  type SaveJobQueue,
} from "../domain/store-port.js";
import { definedOnly } from "./defined-only.js";
import type { Database, SaveJobsTable } from "./schema.js";
import { isUniqueViolation } from "./unique-violation.js";

/** The same predicate as the partial indexes of migrations.ts, so that the planner uses them. */
const unfinished: Expression<SqlBool> = sql<SqlBool>`phase not in ('done', 'failed')`;

function toJob(row: Selectable<SaveJobsTable>): SaveJob {
  return {
    id: row.id,
    imageId: row.image_id,
    notebookId: row.notebook_id,
    projectId: row.project_id,
    phase: row.phase,
    localRef: row.local_ref,
    size: row.size,
    failure: row.failure,
    faulted: row.faulted,
    dueAt: row.due_at,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function columns(patch: SaveJobPatch) {
  return definedOnly({
    phase: patch.phase,
    local_ref: patch.localRef,
    size: patch.size,
    failure: patch.failure,
    due_at: patch.dueAt,
    lease_until: patch.leaseUntil,
  });
}

export function saveJobQueue(db: Kysely<Database>): SaveJobQueue {
  const held = (id: string, workerId: string) =>
    db.updateTable("save_jobs").where("id", "=", id).where("claimed_by", "=", workerId).where(unfinished);

  return {
    async enqueue(job) {
      try {
        const row = await db
          .insertInto("save_jobs")
          .values({
            id: job.id,
            image_id: job.imageId,
            notebook_id: job.notebookId,
            project_id: job.projectId,
            phase: "queued",
            local_ref: null,
            size: null,
            failure: job.failure,
            faulted: job.faulted,
            due_at: job.dueAt,
            claimed_by: job.claim?.workerId ?? null,
            lease_until: job.claim?.leaseUntil ?? null,
            attempts: job.claim ? 1 : 0,
            created_at: job.createdAt,
            updated_at: job.createdAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toJob(row);
      } catch (error) {
        if (isUniqueViolation(error, "save_jobs_one_active_per_notebook")) {
          throw new ActiveSaveExistsError(`notebook ${job.notebookId} has a save in progress`, {
            cause: error,
          });
        }
        throw error;
      }
    },
    async get(id) {
      const row = await db.selectFrom("save_jobs").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toJob(row);
    },
    async getByImage(imageId) {
      const row = await db
        .selectFrom("save_jobs")
        .selectAll()
        .where("image_id", "=", imageId)
        .orderBy("created_at", "desc")
        .executeTakeFirst();
      return row && toJob(row);
    },
    async activeForNotebook(notebookId) {
      const row = await db
        .selectFrom("save_jobs")
        .selectAll()
        .where("notebook_id", "=", notebookId)
        .where(unfinished)
        .executeTakeFirst();
      return row && toJob(row);
    },
    async claimNext({ workerId, now, leaseMs }) {
      const next = db
        .selectFrom("save_jobs")
        .select("id")
        .where(unfinished)
        .where("due_at", "<=", now)
        .where((eb) => eb.or([eb("claimed_by", "is", null), eb("lease_until", "<", now)]))
        .orderBy("due_at")
        .orderBy("created_at")
        .limit(1)
        .forUpdate()
        .skipLocked();
      const row = await db
        .updateTable("save_jobs")
        .set((eb) => ({
          claimed_by: workerId,
          lease_until: now + leaseMs,
          attempts: eb("attempts", "+", 1),
          updated_at: now,
        }))
        .where("id", "=", next)
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },
    async update(id, workerId, patch, now) {
      const row = await held(id, workerId)
        .set({ ...columns(patch), updated_at: now })
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },
    async release(id, workerId, patch, now) {
      const row = await held(id, workerId)
        .set({ ...columns(patch), claimed_by: null, lease_until: null, updated_at: now })
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },
    async finish(id, workerId, outcome, now) {
      const row = await held(id, workerId)
        .set({
          phase: outcome.phase,
          ...(outcome.phase === "failed" && { failure: outcome.failure }),
          claimed_by: null,
          lease_until: null,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },
    async setDue(id, dueAt, now) {
      const row = await db
        .updateTable("save_jobs")
        .set({ due_at: dueAt, updated_at: now })
        .where("id", "=", id)
        .where(unfinished)
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },
    async listInterrupted(now) {
      const rows = await db
        .selectFrom("save_jobs")
        .selectAll()
        .where(unfinished)
        .where("claimed_by", "is not", null)
        .where("lease_until", "<", now)
        .orderBy("created_at")
        .execute();
      return rows.map(toJob);
    },
    async releaseAll(now) {
      const result = await db
        .updateTable("save_jobs")
        .set({ claimed_by: null, lease_until: null, updated_at: now })
        .where(unfinished)
        .where("claimed_by", "is not", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async nextDueAt() {
      const row = await db
        .selectFrom("save_jobs")
        .select((eb) => eb.fn.min("due_at").as("next"))
        .where(unfinished)
        .where("claimed_by", "is", null)
        .executeTakeFirst();
      return row?.next ?? undefined;
    },
    async listUnfinished() {
      const rows = await db
        .selectFrom("save_jobs")
        .selectAll()
        .where(unfinished)
        .orderBy("created_at")
        .execute();
      return rows.map(toJob);
    },
  };
}
