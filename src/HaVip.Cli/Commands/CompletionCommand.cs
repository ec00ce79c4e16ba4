using System.CommandLine;

namespace HaVip.Cli.Commands;

/// <summary>
/// `havip completion bash|zsh`: a script that asks havip itself what may come next, through
/// System.CommandLine's <c>[suggest:position] "command line"</c> directive, so completions
/// always match the installed version and no dotnet-suggest tool is needed.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a shell completion script: source <(havip completion bash)") { shell };
        command.SetAction(parse =>
        {
            var script = parse.GetValue(shell) == "zsh" ? Zsh : Bash;
            context.Out.Profile.Out.Writer.Write(script);
            context.Out.Profile.Out.Writer.Flush();
            return 0;
        });
        return command;
    }

    // COMP_LINE and COMP_POINT are the whole line and the cursor; the directive wants exactly those.
    public const string Bash = """
        # havip bash completion: source <(havip completion bash)
        _havip_complete() {
            local cur="${COMP_WORDS[COMP_CWORD]}" IFS=$'\n'
            local -a candidates
            read -d '' -ra candidates < <("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
            read -d '' -ra COMPREPLY < <(compgen -W "${candidates[*]:-}" -- "$cur")
        }
        complete -o default -F _havip_complete havip

        """;

    // In a completion widget BUFFER and CURSOR are the line and the cursor (zero-based, like the directive's position).
    public const string Zsh = """
        #compdef havip
        # havip zsh completion: source <(havip completion zsh)
        _havip_complete() {
            local -a candidates
            candidates=("${(@f)$("${words[1]}" "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            if (( ${#candidates} )); then
                compadd -a candidates
            else
                _files
            fi
        }
        compdef _havip_complete havip

        """;
}
