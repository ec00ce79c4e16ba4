using HaVip.Linux.Commands;

namespace HaVip.Agent.Tests.Rules;

/// <summary>
/// Runs the agent's commands inside a kernel test's namespace and, once armed with a
/// <see cref="Hook"/>, runs it right before the next <c>nft -f</c> that writes the agent's table:
/// what the kernel's data path could do between anything the apply read and its write.
/// </summary>
internal sealed class BeforeTableWrite(string netns) : CommandRunner
{
    private readonly InNamespace _inner = new(netns);

    public Func<Task>? Hook { get; set; }

    public bool Fired { get; private set; }

    public override async Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, string? input = null, CancellationToken ct = default)
    {
        if (file == "nft" && arguments is ["-f", "-"] && input is not null && input.Contains("table bridge havip {", StringComparison.Ordinal) && Hook is { } hook)
        {
            Hook = null;
            await hook();
            Fired = true;
        }
        return await _inner.RunAsync(file, arguments, input, ct);
    }
}
