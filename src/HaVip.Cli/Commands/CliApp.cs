using System.CommandLine;

namespace HaVip.Cli.Commands;

/// <summary>The `havip` command tree.</summary>
internal static class CliApp
{
    public static readonly Option<string> StateDir = new("--state-dir")
    {
        Description = "Where the lab keeps its state, logs and database",
        DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "havip-lab"),
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("HaVip: highly available virtual IPs, and a lab to watch them fail over") { StateDir };
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(DownCommand.Create());
        var lab = new Command("lab", "Poke the running lab");
        lab.Subcommands.Add(LabCommands.Fail());
        lab.Subcommands.Add(LabCommands.Restore());
        lab.Subcommands.Add(ProbeCommand.Create());
        root.Subcommands.Add(lab);
        return root;
    }
}
