// The AK/SK worked example in the introduction (info.description) must be right: a reader checks
// their own signer against it. It is recomputed here from the algorithm the same page describes,
// and compared with what @notebook-image/client really sends for the same inputs.
import { createHash, createHmac } from "node:crypto";
import { createNotebookImageClient } from "@notebook-image/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deref, operationPath, responseExample, spec } from "./spec.js";

const page = String(deref(spec.info).description);
const example = page.slice(page.indexOf("#### Worked example"));

function input(name: string): string {
  // Table cells may be padded (the markdown formatter aligns columns).
  const match = example.match(new RegExp(`^\\| ${name} +\\| \`([^\`]+)\` +\\|$`, "m"));
  if (!match?.[1]) throw new Error(`the worked example has no input row "${name}"`);
  return match[1];
}

/** The fenced block that follows `lead` in the worked example. */
function blockAfter(lead: string): string {
  const start = example.indexOf(lead);
  if (start < 0) throw new Error(`the worked example has no "${lead}"`);
  const match = example.slice(start).match(/```\w*\n([\s\S]*?)\n```/);
  if (!match?.[1]) throw new Error(`no code block after "${lead}"`);
  return match[1];
}

const inputs = {
  accessKey: input("AK"),
  secretKey: input("SK"),
  sdkDate: input("X-Sdk-Date"),
  host: input("host"),
  projectId: input("project id"),
  instanceId: input("instance id"),
  body: input("body, the exact bytes sent"),
};
const shownCanonicalRequest = blockAfter("The canonical request is");
const shownStringToSign = blockAfter("The string to sign is");
const shownHeaders = Object.fromEntries(
  blockAfter("And the request carries")
    .split("\n")
    .map((line) => {
      const colon = line.indexOf(": ");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 2)];
    }),
);

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

describe("the AK/SK worked example of the introduction", () => {
  it("shows the canonical request that the described algorithm gives", () => {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      host: inputs.host,
      "x-project-id": inputs.projectId,
      "x-sdk-date": inputs.sdkDate,
    };
    const names = Object.keys(headers).sort();
    const canonical = [
      "POST",
      `${operationPath.replace("{project_id}", inputs.projectId).replace("{id}", inputs.instanceId)}/`,
      "",
      names.map((name) => `${name}:${headers[name]}\n`).join(""),
      names.join(";"),
      sha256Hex(inputs.body),
    ].join("\n");
    expect(shownCanonicalRequest).toBe(canonical);
  });

  it("shows the string to sign and the signature of that canonical request", () => {
    const stringToSign = `SDK-HMAC-SHA256\n${inputs.sdkDate}\n${sha256Hex(shownCanonicalRequest)}`;
    expect(shownStringToSign).toBe(stringToSign);
    const signature = createHmac("sha256", inputs.secretKey).update(stringToSign).digest("hex");
    expect(shownHeaders.authorization).toBe(
      `SDK-HMAC-SHA256 Access=${inputs.accessKey}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=${signature}`,
    );
    expect(example).toContain(`where the signature is \`${signature}\``);
    expect(shownHeaders["x-sdk-date"]).toBe(inputs.sdkDate);
    expect(shownHeaders["x-project-id"]).toBe(inputs.projectId);
  });

  describe("compared with @notebook-image/client", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("matches the headers the client sends for the same request", async () => {
      // The client stamps X-Sdk-Date from the clock: stop the clock at the example's date.
      const at = inputs.sdkDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z");
      vi.useFakeTimers({ toFake: ["Date"], now: new Date(at) });
      const sent: Request[] = [];
      const client = createNotebookImageClient({
        projectId: inputs.projectId,
        region: "cn-north-4",
        auth: { accessKey: inputs.accessKey, secretKey: inputs.secretKey },
        retry: false,
        fetch: async (input, init) => {
          sent.push(new Request(input, init));
          // The spec's reference answer: what the real service sends back.
          return new Response(JSON.stringify(responseExample("200", "SavedImage")), {
            status: 200,
            headers: { "content-type": "application/json" },
          });
        },
      });
      await client.saveInstanceAsImage(inputs.instanceId, JSON.parse(inputs.body));
      expect(sent).toHaveLength(1);
      const request = sent[0] as Request;
      expect(new URL(request.url).host).toBe(inputs.host);
      expect(await request.text()).toBe(inputs.body);
      for (const [name, value] of Object.entries(shownHeaders))
        expect(request.headers.get(name), name).toBe(value);
    });
  });
});
