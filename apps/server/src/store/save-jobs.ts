// The save-job queue. Jobs live in the database so that a crash loses none, and are claimed with
// FOR UPDATE SKIP LOCKED so that replicas on one PostgreSQL never run one job twice: a claim sets
// claimed_by and a lease, and every later write names the worker, so a worker that lost its job
// (its lease ran out and another claimed it) can no longer change it. Each step of a save is one
// statement: the job, its image and its notebook written together (data-modifying WITH, save-steps.ts).
// The jobs enqueued, the claims and the steps of one event-loop turn go as one statement (turn-batch.ts).
import { type Expression, type Kysely, type RawBuilder, type Selectable, type SqlBool, sql } from "kysely";
import {
  ActiveSaveExistsError,
  type ClaimedSave,
  type ImageRecord,
  type NewSaveJob,
  NotebookChangedError,
  type SaveJob,
  type SaveJobQueue,
} from "../domain/store-port.js";
import { duplicateImageError, imageFromRow, imageRow } from "./images.js";
import { stepRecorder } from "./save-steps.js";
import type { Database, ImagesTable, SaveJobsTable } from "./schema.js";
import { asError, turnBatch } from "./turn-batch.js";
import { isNotNullViolation, isUniqueViolation } from "./unique-violation.js";

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

/** A job's row with its image's row as JSON (`image`), as claimNext and record return them. */
function toClaimed(row: Selectable<SaveJobsTable> & { image: Selectable<ImagesTable> | null }): ClaimedSave {
  const { image, ...job } = row;
  return { job: toJob(job), image: image ? imageFromRow(image) : undefined };
}

/** A job and its image, as enqueue() is given them. */
type Enqueued = readonly [job: NewSaveJob, image: ImageRecord];

/** Jobs enqueued by one statement at most (PostgreSQL takes 65,535 parameters; a row has 34). */
const MAX_GROUP = 500;

/** One job alone, refused in the domain's words. */
async function enqueueOne(db: Kysely<Database>, [job, image]: Enqueued): Promise<SaveJob> {
  try {
    const [row] = (await enqueueJobs(db, [[job, image]])).rows;
    if (!row) throw new Error(`the save job ${job.id} was not recorded`);
    return toJob(row);
  } catch (error) {
    if (isUniqueViolation(error, "save_jobs_one_active_per_notebook")) {
      throw new ActiveSaveExistsError(`notebook ${job.notebookId} has a save in progress`, {
        cause: error,
      });
    }
    if (isNotNullViolation(error, "notebook_id")) {
      throw new NotebookChangedError(`notebook ${job.notebookId} changed since it was read`, {
        cause: error,
      });
    }
    throw duplicateImageError(error, image) ?? error;
  }
}

/**
 * The jobs enqueued in one turn, as one statement. One refusal undoes the statement whole: then
 * each goes again alone, so that each gets its own answer (its refusal, or its row).
 */
async function enqueueGroup(db: Kysely<Database>, group: readonly Enqueued[]): Promise<(SaveJob | Error)[]> {
  if (group.length > 1) {
    const rows = await enqueueJobs(db, group).then(
      (result) => result.rows,
      () => undefined,
    );
    if (rows) {
      const byId = new Map(rows.map((row) => [row.id, toJob(row)]));
      return group.map(([job]) => byId.get(job.id) ?? new Error(`the save job ${job.id} was not recorded`));
    }
  }
  return Promise.all(group.map((entry) => enqueueOne(db, entry).catch(asError)));
}

export function saveJobQueue(db: Kysely<Database>): SaveJobQueue {
  // Inside a transaction, a refused statement ends the transaction: no group to fall back from.
  const enqueueInTurn = db.isTransaction
    ? (entry: Enqueued) => enqueueOne(db, entry)
    : turnBatch<Enqueued, SaveJob>((group) => enqueueGroup(db, group), MAX_GROUP);
  const claimInTurn = db.isTransaction
    ? undefined
    : turnBatch<ClaimInput, ClaimedSave | undefined>((group) => claimGroup(db, group), MAX_GROUP);
  return {
    // A job that takes a fault goes alone: the fault's write is taken by one job only.
    enqueue: (job, image) => (job.takeFault ? enqueueOne(db, [job, image]) : enqueueInTurn([job, image])),
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
    claimNext: (input) => (claimInTurn ? claimInTurn(input) : claimOne(db, input)),
    record: stepRecorder(db, toClaimed),
    async renew(id, workerId, leaseUntil, now) {
      const result = await db
        .updateTable("save_jobs")
        .set({ lease_until: leaseUntil, updated_at: now })
        .where("id", "=", id)
        .where("claimed_by", "=", workerId)
        .where(unfinished)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async release(id, workerId, now) {
      await db
        .updateTable("save_jobs")
        .set({ claimed_by: null, lease_until: null, updated_at: now })
        .where("id", "=", id)
        .where("claimed_by", "=", workerId)
        .where(unfinished)
        .execute();
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

type ClaimInput = Parameters<SaveJobQueue["claimNext"]>[0];

async function claimOne(db: Kysely<Database>, input: ClaimInput): Promise<ClaimedSave | undefined> {
  const [row] = await claimJobs(db, input, 1).execute();
  return row && toClaimed(row);
}

/**
 * The claims asked for in one turn (a worker's slots ask at once), as one statement per worker: the
 * oldest due jobs, one per claim while there are some, the others answered with none; claimed at
 * the latest `now` of the group, with its shortest lease.
 */
async function claimGroup(
  db: Kysely<Database>,
  group: readonly ClaimInput[],
): Promise<(ClaimedSave | undefined)[]> {
  const answers: (ClaimedSave | undefined)[] = [];
  const workers = new Set(group.map((input) => input.workerId));
  for (const workerId of workers) {
    const claims = group.filter((input) => input.workerId === workerId);
    const now = Math.max(...claims.map((input) => input.now));
    const leaseMs = Math.min(...claims.map((input) => input.leaseMs));
    const rows = await claimJobs(db, { workerId, now, leaseMs }, claims.length).execute();
    const claimed = rows.map(toClaimed).sort(byDueTime);
    claims.forEach((input, index) => {
      answers[group.indexOf(input)] = claimed[index];
    });
  }
  return answers;
}

/** Oldest due first, as a single claim takes them. */
const byDueTime = (a: ClaimedSave, b: ClaimedSave) =>
  (a.job.dueAt ?? 0) - (b.job.dueAt ?? 0) || a.job.createdAt - b.job.createdAt;

/**
 * One statement: up to `count` of the oldest due jobs no live worker holds, claimed (FOR UPDATE SKIP
 * LOCKED: replicas never claim one job twice), each returned with its image's row as JSON (null
 * when the image is gone).
 */
function claimJobs(db: Kysely<Database>, { workerId, now, leaseMs }: ClaimInput, count: number) {
  const next = db
    .selectFrom("save_jobs")
    .select("id")
    .where(unfinished)
    .where("due_at", "<=", now)
    .where((eb) => eb.or([eb("claimed_by", "is", null), eb("lease_until", "<", now)]))
    .orderBy("due_at")
    .orderBy("created_at")
    .limit(count)
    .forUpdate()
    .skipLocked();
  return db
    .updateTable("save_jobs")
    .set((eb) => ({
      claimed_by: workerId,
      lease_until: now + leaseMs,
      attempts: eb("attempts", "+", 1),
      updated_at: now,
    }))
    .where("id", "in", next)
    .returningAll()
    .returning((eb) =>
      eb
        .selectFrom("images")
        .select(sql<Selectable<ImagesTable>>`to_jsonb(images)`.as("row"))
        .whereRef("images.id", "=", "save_jobs.image_id")
        .as("image"),
    );
}

/**
 * One statement: the images' insert, the fault's taking (when the one job asks: a refused insert
 * takes none, as the statement is undone whole) and the jobs' insert. The rows go as two JSON
 * parameters read as the tables' own row types (jsonb_populate_recordset), so that the statement is
 * the same for one job or five hundred: PostgreSQL plans it once, where a VALUES list of 34
 * parameters a row with a subquery each took longer to plan and to send than to run.
 */
function enqueueJobs(db: Kysely<Database>, entries: readonly Enqueued[]) {
  const images = JSON.stringify(entries.map(([, image]) => imageRow(image)));
  const jobs = entries.map(([job, image]) => jobRow(job, image));
  const [first] = jobs;
  if (!first) throw new Error("no save job to enqueue");
  // The time each job's notebook was read at, beside its row (not a column: the check below reads it).
  const rows = jobs.map((row, index) => ({
    ...row,
    notebook_read_at: entries[index]?.[0].notebookReadAt ?? null,
  }));
  // Taken by a job enqueued alone (enqueue() groups none that takes one): `fault` has one row.
  const takeFault = entries.length === 1 && entries[0]?.[0].takeFault === true;
  // The settings are written only when a fault is taken (their change is announced to every server).
  const fault = takeFault
    ? sql`, fault as (
        update settings set fail_next_saves = fail_next_saves - 1
        where fail_next_saves > 0
        returning fault_status_message)`
    : sql``;
  const failure = takeFault ? sql`(select fault_status_message from fault)` : sql`null::text`;
  // A compare-and-set on the notebook inside the one statement: its id only while its row is as
  // the checks read it (FOR SHARE: a save of it that is beginning or ending is waited for, then
  // seen); else null, which the column refuses (23502), undoing the whole statement: the image and
  // the fault taken with it too. Kept over the plainer-looking ways, which cost more: a transaction
  // (BEGIN, SELECT … FOR SHARE, INSERT, COMMIT) is three statements more per save and holds
  // PGlite's one connection across round trips; an INSERT … SELECT … WHERE EXISTS must put the same
  // condition on the image's and the fault's writes as well, and tell "refused" from a row count.
  const computed: Partial<Record<keyof SaveJobsTable, RawBuilder<unknown>>> = {
    notebook_id: sql`case when entry.notebook_read_at is null then entry.notebook_id else checked.id end`,
    failure,
    faulted: sql`${failure} is not null`,
  };
  const columns = Object.keys(first) as (keyof SaveJobsTable)[];
  return sql<Selectable<SaveJobsTable>>`
    with image as (
      insert into images select * from jsonb_populate_recordset(null::images, ${images}::jsonb)
    ), entry as (
      select job.*, (value ->> 'notebook_read_at')::int8 as notebook_read_at
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb)
        cross join lateral jsonb_populate_record(null::save_jobs, value) as job
    ), checked as (
      select id, update_at from notebooks where id in (select notebook_id from entry) for share
    )${fault}
    insert into save_jobs (${sql.join(columns.map((column) => sql.ref(column)))})
    select ${sql.join(columns.map((column) => computed[column] ?? sql.ref(`entry.${column}`)))}
    from entry left join checked
      on checked.id = entry.notebook_id and checked.update_at = entry.notebook_read_at
    returning *`.execute(db);
}

/** The row of a new job as enqueue() gives it; enqueueJobs sets notebook_id, failure and faulted. */
function jobRow(job: NewSaveJob, image: ImageRecord): Selectable<SaveJobsTable> {
  return {
    id: job.id,
    image_id: image.id,
    notebook_id: job.notebookId,
    project_id: job.projectId,
    phase: "queued",
    local_ref: null,
    size: null,
    failure: null,
    faulted: false,
    due_at: job.dueAt,
    claimed_by: null,
    lease_until: null,
    attempts: 0,
    created_at: job.createdAt,
    updated_at: job.createdAt,
  };
}
