using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Fixtures;

/// <summary>A VPC of the test's own with one subnet and instances in it, made through the CLI.</summary>
public sealed record Inventory(VpcDto Vpc, SubnetDto Subnet, IReadOnlyList<InstanceDto> Instances)
{
    private static int _next;

    /// <param name="host">
    /// Where the instances run. With a host (and no agent there) a HAVIP in the subnet waits for
    /// an apply that never comes and fails at the deadline; without, it settles at once.
    /// </param>
    public static async Task<Inventory> CreateAsync(CliRunner cli, int instances = 3, string? host = null)
    {
        var n = Interlocked.Increment(ref _next);
        var vpc = await cli.JsonAsync<VpcDto>("vpc", "create", "--name", $"vpc-{n}", "--cidr", "10.0.0.0/16");
        var subnet = await cli.JsonAsync<SubnetDto>("subnet", "create", "--vpc", vpc.Id, "--name", $"sn-{n}", "--cidr", "10.0.1.0/24");
        var list = new List<InstanceDto>();
        for (var i = 0; i < instances; i++)
        {
            string[] args = ["instance", "create", "--name", $"vm-{n}-{i}", "--vpc", vpc.Id, "--nic", subnet.Id];
            list.Add(await cli.JsonAsync<InstanceDto>(host is null ? args : [.. args, "--host", host]));
        }
        return new Inventory(vpc, subnet, list);
    }
}
