import { type Kysely, type Selectable, sql } from "kysely";
import type { NotebookRecord, NotebookRepository } from "../domain/store-port.js";
import { definedOnly } from "./defined-only.js";
import type { Database, NotebooksTable } from "./schema.js";
import { turnBatch } from "./turn-batch.js";

function toRecord(row: Selectable<NotebooksTable>): NotebookRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    description: row.description,
    status: row.status,
    failReason: row.fail_reason,
    flavor: row.flavor,
    workspaceId: row.workspace_id,
    image: row.image,
    steps: row.steps,
    lease: row.lease,
    createAt: row.create_at,
    updateAt: row.update_at,
  };
}

/** Notebooks read by one statement at most. */
const MAX_GROUP = 1_000;

/** The notebooks asked for in one turn (create-image reads one per request), read by one statement. */
async function readGroup(
  db: Kysely<Database>,
  group: readonly NotebookKey[],
): Promise<(NotebookRecord | undefined)[]> {
  const ids = [...new Set(group.map((key) => key.id))];
  // One text for any number of ids (an array parameter), so that PostgreSQL prepares it once.
  const rows = await db
    .selectFrom("notebooks")
    .selectAll()
    .where(sql<boolean>`id = any(${ids}::text[])`)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return group.map(({ projectId, id }) => {
    const row = byId.get(id);
    return row && row.project_id === projectId ? toRecord(row) : undefined;
  });
}

interface NotebookKey {
  projectId: string;
  id: string;
}

export function notebookRepository(db: Kysely<Database>): NotebookRepository {
  const byProject = (projectId: string, id: string) =>
    db.selectFrom("notebooks").selectAll().where("project_id", "=", projectId).where("id", "=", id);
  // Inside a transaction the statements are in order already, and a group would outlive it.
  const readInTurn = db.isTransaction
    ? undefined
    : turnBatch<NotebookKey, NotebookRecord | undefined>((group) => readGroup(db, group), MAX_GROUP);
  return {
    async get(projectId, id) {
      if (readInTurn) return readInTurn({ projectId, id });
      const row = await byProject(projectId, id).executeTakeFirst();
      return row && toRecord(row);
    },
    async getForUpdate(projectId, id) {
      const row = await byProject(projectId, id).forUpdate().executeTakeFirst();
      return row && toRecord(row);
    },
    async getById(id) {
      const row = await db.selectFrom("notebooks").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toRecord(row);
    },
    async list(projectId) {
      const rows = await db
        .selectFrom("notebooks")
        .selectAll()
        .where("project_id", "=", projectId)
        .orderBy("create_at")
        .orderBy("id")
        .execute();
      return rows.map(toRecord);
    },
    async listAll() {
      const rows = await db.selectFrom("notebooks").selectAll().orderBy("create_at").orderBy("id").execute();
      return rows.map(toRecord);
    },
    async insert(notebook) {
      await db
        .insertInto("notebooks")
        .values({
          id: notebook.id,
          project_id: notebook.projectId,
          name: notebook.name,
          description: notebook.description,
          status: notebook.status,
          fail_reason: notebook.failReason,
          flavor: notebook.flavor,
          workspace_id: notebook.workspaceId,
          image: JSON.stringify(notebook.image),
          steps: JSON.stringify(notebook.steps),
          lease: JSON.stringify(notebook.lease),
          create_at: notebook.createAt,
          update_at: notebook.updateAt,
        })
        .execute();
    },
    async update(id, patch) {
      const { status, failReason, image, updateAt, name, description, flavor, steps, lease } = patch;
      const changes = definedOnly({
        status,
        fail_reason: failReason,
        image: image && JSON.stringify(image),
        steps: steps && JSON.stringify(steps),
        lease: lease && JSON.stringify(lease),
        update_at: updateAt,
        name,
        description,
        flavor,
      });
      if (Object.keys(changes).length === 0) return this.getById(id);
      const row = await db
        .updateTable("notebooks")
        .set(changes)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async delete(id) {
      const result = await db.deleteFrom("notebooks").where("id", "=", id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
