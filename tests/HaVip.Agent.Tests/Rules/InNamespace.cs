using HaVip.Linux.Commands;

namespace HaVip.Agent.Tests.Rules;

/// <summary>Runs the agent's commands inside a kernel test's namespace.</summary>
internal sealed class InNamespace(string netns) : CommandRunner
{
    public override Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, string? input = null, CancellationToken ct = default) =>
        base.RunAsync("ip", ["netns", "exec", netns, file, .. arguments], input, ct);
}
