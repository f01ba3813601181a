import { DEFAULT_REGION } from "@notebook-image/client";
import { envVars } from "./credentials.js";
import { ExitCode } from "./exit-codes.js";
import type { Style } from "./style.js";

export function helpText(style: Style): string {
  const h = (title: string) => style.bold(title);
  return `${h("notebook-image")} - save a running ModelArts notebook instance as a container image in SWR

${h("Usage")}
  notebook-image save <instance-id> --name <name> --namespace <org> [options]
  notebook-image --help | --version

${h("Image")}
  <instance-id>                 id of the notebook instance to save (a UUID)
  --name <name>                 image name
  --namespace <org>             SWR organization to put the image in
  --tag <tag>                   image tag
  --description <text>          image description
  --workspace-id <id>           ModelArts workspace of the image (the API's default: "0")
  --swr-instance-id <id>        enterprise-edition SWR instance to push to
  --swr-instance-domain <host>  domain of that SWR instance

${h("Where")}
  --project-id <id>             project id (default: $${envVars.projectId})
  --region <region>             ModelArts region (default: ${DEFAULT_REGION})
  --endpoint <url>              API base URL instead of --region, e.g. a proxy or the local mock;
                                plain http:// only for 127.0.0.1, ::1 or localhost
  --header 'Name: value'        extra request header; repeat for more
  --timeout <seconds>           give up on an attempt after this long (default: 60)
  --retries <n>                 retries when ModelArts is busy (429, 503) or the connection is
                                refused, never after a timeout or another error (default: 2)

${h("Credentials")} (the first one found is used)
  --token-file <path>           file holding an IAM token, sent as X-Auth-Token
  $${envVars.token}          IAM token
  $${envVars.accessKey}, $${envVars.secretKey}
                                access key pair: requests are signed (SDK-HMAC-SHA256);
                                add $${envVars.securityToken} for temporary keys
  Secrets are never printed: --dry-run shows them as [redacted].

${h("Output")}
  --json                        print the API's full response as JSON (with --dry-run: the request)
  --dry-run                     check everything and print the request instead of sending it
  -h, --help                    show this help
  --version                     show the version

${h("Exit status")}
  ${ExitCode.ok} saved (the image is being built)   ${ExitCode.usage} bad arguments, credentials or values: nothing sent
  ${ExitCode.api} the API returned an error            ${ExitCode.transport} network failure or timeout
  ${ExitCode.unexpected} unexpected failure

${h("Examples")}
  # AK/SK and project from the environment, as Huawei's SDKs read them
  notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --name pytorch1_4 \\
    --namespace atelier-auto --tag 20221223 --region ${DEFAULT_REGION}

  # With a token file, printing the image as JSON
  notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --name pytorch1_4 \\
    --namespace atelier-auto --project-id 0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b --token-file ~/.iam-token --json

  # Against the local mock (pnpm mock), asking it for the "instance not running" error
  ${envVars.token}=any notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b \\
    --name pytorch1_4 --namespace atelier-auto --project-id 0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b \\
    --endpoint http://127.0.0.1:4010 --header 'Prefer: code=400, example=InstanceNotRunning'

  # See what would be sent, without sending it
  notebook-image save 6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b --name pytorch1_4 \\
    --namespace atelier-auto --dry-run
`;
}
