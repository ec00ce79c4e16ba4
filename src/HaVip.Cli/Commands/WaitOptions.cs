using System.CommandLine;

namespace HaVip.Cli.Commands;

/// <summary>--wait and --timeout of the commands that change a HAVIP.</summary>
internal sealed class WaitOptions
{
    private readonly Option<bool> _wait = new("--wait") { Description = "Follow the status until it settles (exit 1 if it fails)" };

    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = "Seconds --wait waits at most",
        DefaultValueFactory = _ => 120,
    };

    public WaitOptions(Command command)
    {
        _timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
            {
                r.AddError("--timeout must be a positive number of seconds.");
            }
        });
        command.Options.Add(_wait);
        command.Options.Add(_timeout);
    }

    public bool Enabled(ApiInvocation call) => call.Get(_wait);

    public TimeSpan Timeout(ApiInvocation call) => TimeSpan.FromSeconds(call.Get(_timeout));
}
