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

    public static RootCommand Build() => Build(CliContext.FromProcess());

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("HaVip: highly available virtual IPs, and a lab to watch them fail over") { StateDir };
        var api = new ApiScope(context, new ApiOptions());
        foreach (var option in api.Options.All)
        {
            root.Options.Add(option);
        }
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(DownCommand.Create());
        var lab = new Command("lab", "Poke the running lab");
        lab.Subcommands.Add(LabCommands.Fail());
        lab.Subcommands.Add(LabCommands.Restore());
        lab.Subcommands.Add(ProbeCommand.Create());
        root.Subcommands.Add(lab);
        root.Subcommands.Add(VipCommands.Create(api));
        root.Subcommands.Add(VpcCommands.Create(api));
        root.Subcommands.Add(SubnetCommands.Create(api));
        root.Subcommands.Add(InstanceCommands.Create(api));
        root.Subcommands.Add(HostCommands.Create(api));
        root.Subcommands.Add(KeyCommands.Create(api));
        root.Subcommands.Add(AccountCommands.Create(api));
        root.Subcommands.Add(AccountCommands.Audit(api));
        root.Subcommands.Add(CompletionCommand.Create(context));
        return root;
    }
}
