/**
 * One thing wrong with the command line or the environment, named by what the user typed or set
 * (`--name`, `<instance-id>`, `HUAWEICLOUD_SDK_SK`), so that they know exactly what to fix.
 */
export interface Problem {
  subject: string;
  message: string;
  /**
   * The value itself is missing (no value after a flag, no project id): the client's complaints
   * about that same value would only repeat this, so they are left out.
   */
  valueMissing?: boolean;
  /** "No credentials at all": not a problem for a dry run, which shows placeholders instead. */
  credentialsMissing?: boolean;
}
