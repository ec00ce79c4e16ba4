using System.Text.Json;
using HaVip.Linux.Commands;

namespace HaVip.Agent.Tests.Sync;

/// <summary>
/// Stands in for ip/bridge/nft: keeps the devices, masters and flood entries the commands
/// created, answers the JSON queries from them, and records every command that changed anything.
/// </summary>
internal sealed class FakeKernel : CommandRunner
{
    private readonly Dictionary<string, (string? Master, string Kind, bool Up)> _links = new(StringComparer.Ordinal);
    private readonly List<(string Dev, string Dst)> _flood = [];

    public List<string> Changes { get; } = [];

    /// <summary>What each `nft -f -` was given, in order.</summary>
    public List<string> NftInputs { get; } = [];

    /// <summary>Every command run, reads included.</summary>
    public List<string> Runs { get; } = [];

    public void AddPort(string name) => _links[name] = (null, "veth", false);

    /// <summary>Whether `nft -f` wrote the agent's table and nothing deleted it since; listed as <see cref="NftListings.Table"/>.</summary>
    public bool HasTable { get; set; }

    /// <summary>An operator's `ip link set PORT nomaster`.</summary>
    public void Detach(string name) => _links[name] = _links[name] with { Master = null };

    public override Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, string? input = null, CancellationToken ct = default)
    {
        var line = $"{file} {string.Join(' ', arguments)}";
        Runs.Add(line);
        if (file == "nft" && input is not null)
        {
            NftInputs.Add(input);
        }
        if (file == "nft" && arguments is ["-j", "list", "table", "bridge", "havip"])
        {
            return Task.FromResult(HasTable ? new CommandResult(line, 0, NftListings.Table(handleBase: Runs.Count, packets: Runs.Count), "") : new CommandResult(line, 1, "", "Error: No such file or directory"));
        }
        var output = (file, arguments.ToArray()) switch
        {
            ("ip", ["-j", "-d", "link", "show"]) => JsonSerializer.Serialize(_links.Select(l => new Dictionary<string, object?>
            {
                ["ifname"] = l.Key,
                ["master"] = l.Value.Master,
                ["flags"] = l.Value.Up ? new[] { "UP" } : Array.Empty<string>(),
                ["linkinfo"] = new Dictionary<string, string> { ["info_kind"] = l.Value.Kind },
            })),
            ("bridge", ["-j", "fdb", "show", "dev", var dev]) =>
                JsonSerializer.Serialize(_flood.Where(f => f.Dev == dev).Select(f => new { mac = "00:00:00:00:00:00", dst = f.Dst })),
            _ => Change(line, arguments),
        };
        return Task.FromResult(new CommandResult(line, 0, output, ""));
    }

    private string Change(string line, IReadOnlyList<string> a)
    {
        Changes.Add(line);
        switch (a)
        {
            case ["link", "add", var name, "type", var kind, ..]:
                _links[name] = (null, kind, false);
                break;
            case ["link", "set", var name, "master", var master]:
                _links[name] = _links[name] with { Master = master };
                break;
            case ["link", "set", var name, "up"]:
                _links[name] = _links[name] with { Up = true };
                break;
            case ["-f", "-"]:
                HasTable = true;
                break;
            case ["fdb", "append", _, "dev", var dev, "dst", var dst]:
                _flood.Add((dev, dst));
                break;
        }
        return "";
    }
}
