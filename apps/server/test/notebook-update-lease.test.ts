// UpdateNotebook and RenewLease on the simulated engine, over HTTP through Prism's validating proxy
// (every answer is checked against the spec): what an update changes and when it is refused (a
// stopped notebook only, as Huawei's SDK documents it), and how a renewal sets the lease (a run
// time from now, counted in the lease from the notebook's create_at) and when it is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallInit, type Harness, ok, spec, startHarness } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

type Lease = { create_at: number; duration: number; enable: boolean; type: string; update_at: number };
type Notebook = {
  id: string;
  name: string;
  description: string;
  flavor: string;
  status: string;
  image: { id: string };
  lease: Lease;
};

const refusal = async (response: Promise<{ status: number; body: unknown }>) => {
  const answer = await response;
  const body = answer.body as { error_code?: string; error_msg?: string };
  return { status: answer.status, code: body.error_code, message: body.error_msg };
};
const update = (id: string, body: unknown) => h.callOperation("UpdateNotebook", { id }, { body });
const renew = (id: string, init: CallInit = {}) => h.callOperation("RenewLease", { id }, init);
const show = (id: string) => ok<Notebook>(h.callOperation("ShowNotebook", { id }));
/** The run time a lease gives from the moment it was set (its update_at). */
const runFromUpdate = (lease: Lease) => lease.create_at + lease.duration - lease.update_at;

describe("UpdateNotebook", () => {
  it("changes the name, description and flavor of a stopped notebook, and nothing else", async () => {
    const id = await h.newNotebook("STOPPED");
    const before = await show(id);
    const updated = await ok<Notebook>(
      update(id, { name: "renamed", description: "bigger now", flavor: "modelarts.vm.cpu.8u" }),
    );
    expect(updated).toMatchObject({
      id,
      name: "renamed",
      description: "bigger now",
      flavor: "modelarts.vm.cpu.8u",
      status: "STOPPED",
      image: before.image,
    });
    expect(await show(id)).toMatchObject({ name: "renamed", description: "bigger now" });
    const listed = await ok<{ data: Notebook[] }>(
      h.callOperation("ListNotebooks", {}, { query: { name: "renamed" } }),
    );
    expect(listed.data.map((notebook) => notebook.id)).toContain(id);

    // Only the fields given change.
    expect(await ok<Notebook>(update(id, { description: "" }))).toMatchObject({
      name: "renamed",
      description: "",
      flavor: "modelarts.vm.cpu.8u",
    });
  });

  it("changes the image to another ACTIVE one, and refuses an unknown image (6404)", async () => {
    const id = await h.newNotebook("STOPPED");
    const images = await ok<{ data: { id: string }[] }>(
      h.callOperation("ListImage", {}, { query: { type: "BUILD_IN" } }),
    );
    const current = (await show(id)).image.id;
    const target = images.data.map((image) => image.id).find((image) => image !== current);
    if (!target) throw new Error("no other built-in image listed");
    expect((await ok<Notebook>(update(id, { image_id: target }))).image.id).toBe(target);
    expect(await refusal(update(id, { image_id: "00000000-0000-4000-8000-000000000001" }))).toMatchObject({
      status: 400,
      code: "ModelArts.6404",
    });
  });

  it("refuses a notebook that is not stopped (6357, naming its status) and an unknown one (6309)", async () => {
    const id = await h.newNotebook("RUNNING");
    expect(await refusal(update(id, { name: "not-now" }))).toEqual({
      status: 400,
      code: "ModelArts.6357",
      message: `The instance ${id} is RUNNING; it can be updated only while STOPPED.`,
    });
    expect((await show(id)).name).not.toBe("not-now");
    expect(await refusal(update("00000000-0000-4000-8000-000000000000", { name: "x" }))).toMatchObject({
      status: 400,
      code: "ModelArts.6309",
    });
  });

  it("refuses a field against the spec's rules, and an unknown field, naming it", async () => {
    const id = await h.newNotebook("STOPPED");
    const badName = await refusal(update(id, { name: "no spaces allowed" }));
    expect(badName).toMatchObject({ status: 400 });
    expect(badName.message).toMatch(/name/);
    const unknown = await refusal(update(id, { nmae: "typo" }));
    expect(unknown).toMatchObject({ status: 400 });
    expect(unknown.message).toMatch(/nmae/);
  });
});

describe("RenewLease", () => {
  it("sets a running notebook's lease to the run time asked from now, the query's winning over the body's", async () => {
    const id = await h.newNotebook("RUNNING");
    const fromQuery = await ok<Lease>(renew(id, { query: { duration: "7200000" } }));
    expect(runFromUpdate(fromQuery)).toBe(7_200_000);
    expect(fromQuery.type).toBe("TIMING");
    expect((await show(id)).lease).toEqual(fromQuery);

    const fromBody = await ok<Lease>(renew(id, { body: { duration: 10_800_000, type: "idle" } }));
    expect(runFromUpdate(fromBody)).toBe(10_800_000);
    expect(fromBody.type).toBe("IDLE");

    const both = await ok<Lease>(
      renew(id, { query: { duration: "3600000" }, body: { duration: 10_800_000, type: "IDLE" } }),
    );
    expect(runFromUpdate(both)).toBe(3_600_000);
    expect(both.type).toBe("TIMING");
  });

  it("gives the spec's default run time when none is asked", async () => {
    const id = await h.newNotebook("RUNNING");
    const lease = await ok<Lease>(renew(id));
    const { properties } = spec.schema("NotebookLeaseRequest") as {
      properties: { duration: { default: number } };
    };
    const documented = properties.duration.default;
    expect(runFromUpdate(lease)).toBe(documented);
  });

  it("refuses a notebook that does not run (6307 stopped, 6327 otherwise), and a duration out of range", async () => {
    const stopped = await h.newNotebook("STOPPED");
    expect(await refusal(renew(stopped))).toMatchObject({ status: 400, code: "ModelArts.6307" });
    const failed = await h.newNotebook("START_FAILED");
    expect(await refusal(renew(failed))).toMatchObject({ status: 400, code: "ModelArts.6327" });
    const running = await h.newNotebook("RUNNING");
    const tooLong = await refusal(renew(running, { query: { duration: "259200001" } }));
    expect(tooLong).toMatchObject({ status: 400 });
    expect(tooLong.message).toMatch(/duration/);
  });

  it("is renewed while the notebook's image is being saved (it still runs)", async () => {
    const id = await h.newNotebook("SNAPSHOTTING");
    expect(runFromUpdate(await ok<Lease>(renew(id, { query: { duration: "7200000" } })))).toBe(7_200_000);
  });
});

describe("StartNotebook's lease", () => {
  it("gives the started notebook the run time its query asks", async () => {
    const id = await h.newNotebook("STOPPED");
    const started = await ok<Notebook>(
      h.callOperation("StartNotebook", { id }, { query: { duration: "14400000", type: "TIMING" } }),
    );
    expect(runFromUpdate(started.lease)).toBe(14_400_000);
  });
});
