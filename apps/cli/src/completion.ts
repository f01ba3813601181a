// Shell completion: `notebook-image completion bash|zsh|fish` prints a script that completes the
// commands, the subcommands, each command's own options and the values of the options the spec
// gives an enum (--type BUILD_IN|DEDICATED for image list, TIMING|IDLE… for notebook start: the
// values are each command's own). Made from the same tables as parsing and help, so a field the
// spec adds is completed as soon as it has a flag.
import { type CompletionShell, commandOptions, completionShells, configureOptions } from "./args.js";
import { type CommandInfo, commands, commandWords, groupCommands, untilWords } from "./commands.js";
import { type FieldFlag, type FieldGroup, fieldGroups } from "./field-flags.js";

const PROGRAM = "notebook-image";
const topWords = [...commandWords, "help", "completion", "configure"];
const configureFlags = [...configureOptions].map((o) => `--${o}`);
const groups = commandWords.filter((word) => groupCommands(word).length > 0);

/** The values an option can take, where the spec lists them (an enum, or a boolean). */
function valuesOf(field: FieldFlag): string[] | undefined {
  if (field.enum !== undefined) return field.enum.map(String);
  return field.type === "boolean" ? ["true", "false"] : undefined;
}

/** The options of a command that take one of a list of values, and those values. */
function enumValues(c: CommandInfo): Map<string, string[]> {
  const fields = c.groups.flatMap((g) => (g in fieldGroups ? fieldGroups[g as FieldGroup] : []));
  return new Map([
    ...fields.flatMap((f) => {
      const values = valuesOf(f);
      return values === undefined ? [] : [[`--${f.flag}`, values] as const];
    }),
    ...(c.groups.includes("until") ? [["--until", [...untilWords]] as [string, string[]]] : []),
  ]);
}

/** Every option that takes a value, of any command (a word after one is not a command word). */
const valueFlags = [
  ...new Set(
    commands.flatMap((c) =>
      commandOptions(c)
        .filter((o) => o.takesValue)
        .map((o) => o.flag),
    ),
  ),
];

export function completionScript(shell: CompletionShell): string {
  switch (shell) {
    case "bash":
      return `# ${PROGRAM} completion for bash. Load it with: source <(${PROGRAM} completion bash)\n${bashFunction()}complete -F _notebook_image ${PROGRAM}\n`;
    case "zsh":
      // zsh runs the bash function through its own bashcompinit, as many CLIs ship it.
      return `#compdef ${PROGRAM}\n# ${PROGRAM} completion for zsh. Load it with: source <(${PROGRAM} completion zsh)\nautoload -U +X bashcompinit && bashcompinit\n${bashFunction()}complete -F _notebook_image ${PROGRAM}\n`;
    case "fish":
      return fishScript();
  }
}

const words = (list: readonly string[]) => list.join(" ");

function bashFunction(): string {
  const commandCases = commands
    .map((c) => `    "${c.name}") flags="${words(commandOptions(c).map((o) => o.flag))}" ;;`)
    .join("\n");
  const valueCases = commands
    .flatMap((c) =>
      [...enumValues(c)].map(
        ([flag, values]) =>
          `      "${c.name} ${flag}") COMPREPLY=($(compgen -W "${words(values)}" -- "$cur")) ;;`,
      ),
    )
    .join("\n");
  const groupCases = groups
    .map((g) => `    ${g}) subs="${words(groupCommands(g).map((c) => c.name.slice(g.length + 1)))}" ;;`)
    .join("\n");
  return `_notebook_image() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local value_flags=" ${words(valueFlags)} "
  local words=() i w skip=0
  # The words typed so far that are not options, nor the value of an option.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      --*=*) ;;
      -*) [[ "$value_flags" == *" $w "* ]] && skip=1 ;;
      *) words+=("$w") ;;
    esac
  done
  COMPREPLY=()
  local subs=""
  case "\${words[0]}" in
${groupCases}
  esac
  # The command typed: one word, or a group and its subcommand.
  local command="\${words[0]}"
  [[ -n "$subs" ]] && command="\${words[0]} \${words[1]}"
  if [[ "$value_flags" == *" $prev "* ]]; then
    case "$command $prev" in
${valueCases}
      *" --token-file") COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
    return
  fi
  case "\${words[0]}" in
    "") COMPREPLY=($(compgen -W "${words(topWords)} --help --version" -- "$cur")); return ;;
    completion) ((\${#words[@]} == 1)) && COMPREPLY=($(compgen -W "${words(completionShells)}" -- "$cur")); return ;;
    configure) [[ "$cur" == -* ]] && COMPREPLY=($(compgen -W "${words(configureFlags)}" -- "$cur")); return ;;
    help)
      if ((\${#words[@]} == 1)); then COMPREPLY=($(compgen -W "${words(commandWords)}" -- "$cur"))
      elif ((\${#words[@]} == 2)); then
        case "\${words[1]}" in
${groups.map((g) => `          ${g}) COMPREPLY=($(compgen -W "${words(groupCommands(g).map((c) => c.name.slice(g.length + 1)))}" -- "$cur")) ;;`).join("\n")}
        esac
      fi
      return ;;
  esac
  if [[ -n "$subs" && \${#words[@]} == 1 ]]; then
    COMPREPLY=($(compgen -W "$subs --help" -- "$cur"))
    return
  fi
  local flags=""
  case "$command" in
${commandCases}
  esac
  [[ "$cur" == -* ]] && COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  return 0
}
`;
}

/** fish: one `complete` line per word, each with the condition under which it is offered. */
function fishScript(): string {
  const q = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  const lines = [
    `# ${PROGRAM} completion for fish. Load it with: ${PROGRAM} completion fish | source`,
    `complete -c ${PROGRAM} -f`,
  ];
  const top = commands.filter((c) => !c.name.includes(" "));
  for (const c of top) {
    lines.push(`complete -c ${PROGRAM} -n __fish_use_subcommand -a ${c.name} -d ${q(c.summary)}`);
  }
  for (const g of groups) {
    lines.push(`complete -c ${PROGRAM} -n __fish_use_subcommand -a ${g} -d ${q(`${g} commands`)}`);
  }
  lines.push(`complete -c ${PROGRAM} -n __fish_use_subcommand -a help -d 'show the help of a command'`);
  lines.push(
    `complete -c ${PROGRAM} -n __fish_use_subcommand -a completion -d 'print a shell completion script'`,
  );
  lines.push(`complete -c ${PROGRAM} -n __fish_use_subcommand -a configure -d 'write a profile'`);
  for (const flag of configureFlags) {
    lines.push(`complete -c ${PROGRAM} -n '__fish_seen_subcommand_from configure' -l ${flag.slice(2)}`);
  }
  lines.push(
    `complete -c ${PROGRAM} -n '__fish_seen_subcommand_from completion' -a ${q(words(completionShells))}`,
  );
  for (const g of groups) {
    const subs = groupCommands(g);
    const none = subs.map((c) => c.name.slice(g.length + 1));
    for (const c of subs) {
      lines.push(
        `complete -c ${PROGRAM} -n ${q(`__fish_seen_subcommand_from ${g}; and not __fish_seen_subcommand_from ${words(none)}`)} -a ${c.name.slice(g.length + 1)} -d ${q(c.summary)}`,
      );
    }
  }
  for (const c of commands) lines.push(...fishOptions(c, q));
  return `${lines.join("\n")}\n`;
}

function fishOptions(c: CommandInfo, q: (text: string) => string): string[] {
  const [first, second] = c.name.split(" ");
  const when =
    second === undefined
      ? `__fish_seen_subcommand_from ${first}`
      : `__fish_seen_subcommand_from ${first}; and __fish_seen_subcommand_from ${second}`;
  const values = enumValues(c);
  return commandOptions(c).map((o) => {
    const listed = values.get(o.flag);
    const takes = o.takesValue ? (listed === undefined ? " -r" : ` -x -a ${q(words(listed))}`) : "";
    const file = o.flag === "--token-file" ? " -F" : "";
    return `complete -c ${PROGRAM} -n ${q(when)} -l ${o.flag.slice(2)}${takes}${file}`;
  });
}
