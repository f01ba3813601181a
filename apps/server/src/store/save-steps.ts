// The steps of saves written to the database: each step's job, image and notebook together, only
// while the worker holds the job. The steps of one event-loop turn (the worker's slots finish
// together) go as one statement per kind of step, their values in one JSON parameter: what a step
// writes is the same for every save that takes it (CREATING, ACTIVE, CREATE_FAILED…), only the
// values differ.
import { type Kysely, type Selectable, sql } from "kysely";
import type { ClaimedSave, SaveJobQueue, SaveRecord } from "../domain/store-port.js";
import { definedOnly } from "./defined-only.js";
import type { Database, ImagesTable, SaveJobsTable } from "./schema.js";
import { asError, turnBatch } from "./turn-batch.js";

/** Steps written by one statement at most. */
const MAX_GROUP = 500;

export interface Step {
  id: string;
  workerId: string;
  change: SaveRecord;
  now: number;
}

/** A step's values, as one row of the statement's JSON (the columns of `step` in stepStatement). */
function stepValues({ id, workerId, change, now }: Step) {
  return {
    id,
    worker_id: workerId,
    at_ms: now,
    ...definedOnly({
      job_phase: change.job.phase,
      job_local_ref: change.job.localRef,
      job_size: change.job.size,
      job_failure: change.job.failure,
      job_due_at: change.job.dueAt,
      image_status: change.image?.status,
      image_status_message: change.image?.statusMessage,
      image_size: change.image?.size,
      notebook_status: change.notebook?.status,
      notebook_image: change.notebook?.image,
    }),
  };
}

/** Which columns a step sets: steps of one kind go as one statement. */
function kindOf(step: Step): string {
  const values = stepValues(step);
  return JSON.stringify([Object.keys(values).sort(), releases(step.change)]);
}

/** The job is given back: its claim ends (always once it is over). */
function releases(change: SaveRecord): boolean {
  return change.release || change.job.phase === "done" || change.job.phase === "failed";
}

/** The columns a step's value sets, `prefix_column` in its row: `column = step.prefix_column`. */
function setFrom(values: object, prefix: string) {
  const columns = Object.keys(values)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
  return columns.map((column) => sql`${sql.ref(column)} = ${sql.ref(`step.${prefix}${column}`)}`);
}

type StepRow = Selectable<SaveJobsTable> & { image: Selectable<ImagesTable> | null };

/**
 * One statement: the jobs' updates (each only while its worker holds it), and, through their
 * RETURNING, the images' and (when the step changes it) the notebooks'. Every step of `steps` is of
 * one kind (kindOf). Returns each job's row with its image's. The jobs are also named by an array
 * of ids: the planner takes a JSON recordset for 100 rows and the unfinished jobs for most of the
 * table (its statistics lag the saves), and so read every row of save_jobs at each step, a cost
 * growing with the table (5.7 ms for a step of 16 saves among 2,400 jobs, auto_explain, load ~20),
 * instead of the few rows by primary key.
 */
export function stepStatement(steps: readonly Step[]) {
  const [first] = steps;
  if (!first) throw new Error("no step to record");
  const values = stepValues(first);
  const claim = releases(first.change) ? [sql`claimed_by = null`, sql`lease_until = null`] : [];
  const notebook =
    "notebook_status" in values
      ? sql`, notebook as (
          update notebooks set ${sql.join([...setFrom(values, "notebook_"), sql`update_at = step.at_ms`])}
          from job join step on step.id = job.id
          where notebooks.id = job.notebook_id
          returning notebooks.id)`
      : sql``;
  return sql<StepRow>`
    with step as (
      select * from jsonb_to_recordset(${JSON.stringify(steps.map(stepValues))}::jsonb) as step(
        id text, worker_id text, at_ms int8,
        job_phase text, job_local_ref text, job_size int8, job_failure text, job_due_at int8,
        image_status text, image_status_message text, image_size int8,
        notebook_status text, notebook_image jsonb)
    ), job as (
      update save_jobs set ${sql.join([...setFrom(values, "job_"), ...claim, sql`updated_at = step.at_ms`])}
      from step
      where save_jobs.id = any(${steps.map((step) => step.id)}::text[])
        and save_jobs.id = step.id and save_jobs.claimed_by = step.worker_id
        and save_jobs.phase not in ('done', 'failed')
      returning save_jobs.*
    ), image as (
      update images set ${sql.join([...setFrom(values, "image_"), sql`update_at = step.at_ms`])}
      from job join step on step.id = job.id
      where images.id = job.image_id
      returning images.*
    )${notebook}
    select job.*, (select to_jsonb(image) from image where image.id = job.image_id) as image from job`;
}

/** The steps of one kind, as one statement; undefined for a job its worker no longer holds. */
async function recordKind(db: Kysely<Database>, steps: readonly Step[]): Promise<(StepRow | undefined)[]> {
  const { rows } = await stepStatement(steps).execute(db);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return steps.map((step) => byId.get(step.id));
}

/** The steps of one turn: one statement per kind; a kind whose statement fails, one by one. */
async function recordGroup(
  db: Kysely<Database>,
  group: readonly Step[],
): Promise<(StepRow | undefined | Error)[]> {
  const answers: (StepRow | undefined | Error)[] = [];
  const kinds = new Map<string, Step[]>();
  for (const step of group) kinds.set(kindOf(step), [...(kinds.get(kindOf(step)) ?? []), step]);
  await Promise.all(
    [...kinds.values()].map(async (steps) => {
      const rows = await recordKind(db, steps).catch(() =>
        Promise.all(steps.map((step) => recordKind(db, [step]).then(([row]) => row, asError))),
      );
      steps.forEach((step, index) => {
        answers[group.indexOf(step)] = rows[index];
      });
    }),
  );
  return answers;
}

/** SaveJobQueue.record, grouped per turn (one by one inside a transaction, which a failed statement ends). */
export function stepRecorder(
  db: Kysely<Database>,
  toClaimed: (row: StepRow) => ClaimedSave,
): SaveJobQueue["record"] {
  const write = db.isTransaction
    ? async (step: Step) => (await recordKind(db, [step]))[0]
    : turnBatch<Step, StepRow | undefined>((group) => recordGroup(db, group), MAX_GROUP);
  return async (id, workerId, change, now) => {
    const row = await write({ id, workerId, change, now });
    return row && toClaimed(row);
  };
}
