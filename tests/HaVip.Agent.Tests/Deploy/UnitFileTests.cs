using System.Xml.Linq;
using HaVip.Agent.Hosting;

namespace HaVip.Agent.Tests.Deploy;

/// <summary>
/// The systemd units under deploy/ run what the Region publish profiles produce: the executable a
/// unit starts is the project's apphost in the directory the profile publishes to (installed
/// under /opt/havip/), and the agent's command line is one the agent accepts. No systemd needed.
/// </summary>
public sealed class UnitFileTests : IDisposable
{
    private static readonly string Root = RepositoryRoot();
    private readonly string _dir = Directory.CreateTempSubdirectory("havip-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("havip-server.service", "HaVip.Server")]
    [InlineData("havip-agent.service", "HaVip.Agent")]
    public void ExecStart_IsTheExecutableTheRegionProfilePublishes(string unit, string project)
    {
        var executable = ExecStart(unit)[0];
        var profile = XDocument.Load(Path.Combine(Root, "src", project, "Properties", "PublishProfiles", "Region.pubxml"));
        string? Property(string name) => profile.Descendants(name).SingleOrDefault()?.Value;
        var publishDir = Path.GetFileName(Property("PublishDir")!.TrimEnd('/'));

        executable.Should().Be($"/opt/havip/{publishDir}/{project}", "the runbook copies artifacts/region/{0}/ to /opt/havip/{0}/", publishDir);
        File.Exists(Path.Combine(Root, "src", project, $"{project}.csproj")).Should().BeTrue("the apphost is named after the project");
        Property("RuntimeIdentifier").Should().Be("linux-x64");
        Property("SelfContained").Should().Be("true", "a hypervisor (and a replica's machine) has no .NET runtime");
    }

    [Fact]
    public void AgentUnit_CommandLine_IsOneTheAgentAccepts()
    {
        var key = Path.Combine(_dir, "agent.key");
        File.WriteAllText(key, "hvk_abc123\n");
        var environment = new Dictionary<string, string>
        {
            ["${HAVIP_HOST}"] = "hv1",
            ["${HAVIP_UNDERLAY}"] = "10.255.0.11",
            ["${HAVIP_SERVER}"] = "http://10.0.0.2:5080,http://10.0.0.3:5080",
            ["/etc/havip/agent.key"] = key,
        };
        var args = ExecStart("havip-agent.service").Skip(1).Select(a => environment.GetValueOrDefault(a, a)).ToArray();

        var options = AgentOptions.Parse(args[1..], out var error);

        args[0].Should().Be("run");
        error.Should().BeEmpty();
        options!.Host.Should().Be("hv1");
        options.UnderlayIp.Should().Be("10.255.0.11");
        options.Key.Should().Be("hvk_abc123");
    }

    private static string[] ExecStart(string unit)
    {
        var line = File.ReadLines(Path.Combine(Root, "deploy", "systemd", unit)).Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
        return line["ExecStart=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HaVip.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no HaVip.slnx above {AppContext.BaseDirectory}");
    }
}
