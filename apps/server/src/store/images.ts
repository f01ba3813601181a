import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import {
  DuplicateImageError,
  type ImageRecord,
  type ImageRepository,
  type ImageSortField,
} from "../domain/store-port.js";
import { definedOnly } from "./defined-only.js";
import type { Database, ImagesTable } from "./schema.js";
import { isUniqueViolation } from "./unique-violation.js";

const SORT_COLUMNS = {
  createAt: "create_at",
  updateAt: "update_at",
  name: "name",
  tag: "tag",
  namespace: "namespace",
  status: "status",
  size: "size",
} as const satisfies Record<ImageSortField, keyof ImagesTable>;

/**
 * An image's description is stored as a JSON string literal (U+0000 as the escape \u0000): the API lets it
 * hold any text, and PostgreSQL's text holds neither U+0000 nor a lone surrogate (which has no UTF-8
 * form and came back as U+FFFD), so it is read back exactly as it was sent. Migration 0002 wrote the
 * older rows this way.
 */
const storedText = (text: string | null) => (text === null ? null : JSON.stringify(text));
const readText = (stored: string | null) => (stored === null ? null : (JSON.parse(stored) as string));

/** An image row as the record the domain sees (also from a row read as JSON: its int8 columns are numbers there too). */
export function imageFromRow(row: Selectable<ImagesTable>): ImageRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    notebookId: row.notebook_id,
    name: row.name,
    tag: row.tag,
    namespace: row.namespace,
    description: readText(row.description),
    workspaceId: row.workspace_id,
    status: row.status,
    statusMessage: row.status_message,
    swrPath: row.swr_path,
    size: row.size,
    arch: row.arch,
    origin: row.origin,
    type: row.type,
    serviceType: row.service_type,
    visibility: row.visibility,
    createAt: row.create_at,
    updateAt: row.update_at,
  };
}

/** The row of a new image. */
export function imageRow(image: ImageRecord): Insertable<ImagesTable> {
  return {
    id: image.id,
    project_id: image.projectId,
    notebook_id: image.notebookId,
    name: image.name,
    tag: image.tag,
    namespace: image.namespace,
    description: storedText(image.description),
    workspace_id: image.workspaceId,
    status: image.status,
    status_message: image.statusMessage,
    swr_path: image.swrPath,
    size: image.size,
    arch: image.arch,
    origin: image.origin,
    type: image.type,
    service_type: image.serviceType,
    visibility: image.visibility,
    create_at: image.createAt,
    update_at: image.updateAt,
  };
}

/** The error an insert of `image` met on the unique index of SWR paths, as the domain names it. */
export function duplicateImageError(error: unknown, image: ImageRecord): DuplicateImageError | undefined {
  if (!isUniqueViolation(error, "images_by_target")) return undefined;
  return new DuplicateImageError(`an image ${image.namespace}/${image.name}:${image.tag} exists already`, {
    cause: error,
  });
}

export function imageRepository(db: Kysely<Database>): ImageRepository {
  return {
    async get(projectId, id) {
      const row = await db
        .selectFrom("images")
        .selectAll()
        .where("project_id", "=", projectId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && imageFromRow(row);
    },
    async findByTarget({ namespace, name, tag }) {
      const row = await db
        .selectFrom("images")
        .selectAll()
        .where("namespace", "=", namespace)
        .where("name", "=", name)
        .where("tag", "=", tag)
        .executeTakeFirst();
      return row && imageFromRow(row);
    },
    async list(query) {
      let filtered = db.selectFrom("images").where("project_id", "=", query.projectId);
      if (query.name !== undefined) {
        // strpos, not LIKE: the name is matched as given, without % and _ as wildcards.
        filtered = query.nameFuzzyMatch
          ? filtered.where(sql<number>`strpos(name, ${query.name})`, ">", 0)
          : filtered.where("name", "=", query.name);
      }
      if (query.namespace !== undefined) filtered = filtered.where("namespace", "=", query.namespace);
      if (query.serviceType !== undefined) filtered = filtered.where("service_type", "=", query.serviceType);
      if (query.type !== undefined) filtered = filtered.where("type", "=", query.type);
      if (query.workspaceId !== undefined) filtered = filtered.where("workspace_id", "=", query.workspaceId);

      const direction = query.sortDir === "ASC" ? "asc" : "desc";
      let page = filtered.selectAll();
      for (const field of query.sort) page = page.orderBy(SORT_COLUMNS[field], direction);
      // Then by id, so that equal keys keep one order from page to page.
      page = page.orderBy("id", direction).limit(query.limit).offset(query.offset);

      const [rows, counted] = await Promise.all([
        page.execute(),
        filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
      ]);
      return { images: rows.map(imageFromRow), total: counted.total };
    },
    async insert(image) {
      try {
        await db.insertInto("images").values(imageRow(image)).execute();
      } catch (error) {
        throw duplicateImageError(error, image) ?? error;
      }
    },
    async showProgress(id, message, now) {
      // Only while CREATING: a message that arrives after the save ended changes nothing.
      await db
        .updateTable("images")
        .set({ status_message: message, update_at: now })
        .where("id", "=", id)
        .where("status", "=", "CREATING")
        .execute();
    },
    async update(id, patch) {
      const changes = definedOnly({
        status: patch.status,
        status_message: patch.statusMessage,
        size: patch.size,
        update_at: patch.updateAt,
      });
      const query =
        Object.keys(changes).length === 0
          ? db.selectFrom("images").selectAll().where("id", "=", id)
          : db.updateTable("images").set(changes).where("id", "=", id).returningAll();
      const row = await query.executeTakeFirst();
      return row && imageFromRow(row);
    },
    async delete(projectId, id) {
      const result = await db
        .deleteFrom("images")
        .where("project_id", "=", projectId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async listAll() {
      const rows = await db.selectFrom("images").selectAll().orderBy("create_at").orderBy("id").execute();
      return rows.map(imageFromRow);
    },
    async count() {
      const { total } = await db
        .selectFrom("images")
        .select((eb) => eb.fn.countAll<number>().as("total"))
        .executeTakeFirstOrThrow();
      return total;
    },
  };
}
