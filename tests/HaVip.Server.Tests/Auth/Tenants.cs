using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Auth;

/// <summary>Two accounts with a tenant key each, and account A's small inventory: a VPC, a subnet, two instances, a bound HAVIP.</summary>
public sealed class Tenants
{
    private Tenants(HaVipApp app, ApiClient admin, ApiClient a, ApiClient b, string accountA, string accountB)
    {
        App = app;
        Admin = admin;
        A = a;
        B = b;
        AccountA = accountA;
        AccountB = accountB;
    }

    public HaVipApp App { get; }

    public ApiClient Admin { get; }

    public ApiClient A { get; }

    public ApiClient B { get; }

    public string AccountA { get; }

    public string AccountB { get; }

    public VpcDto VpcA { get; private set; } = null!;

    public SubnetDto SubnetA { get; private set; } = null!;

    public InstanceDto InstanceA { get; private set; } = null!;

    public InstanceDto SpareA { get; private set; } = null!;

    public HaVipDto VipA { get; private set; } = null!;

    public SubnetDto SubnetB { get; private set; } = null!;

    public InstanceDto InstanceB { get; private set; } = null!;

    public HaVipDto VipB { get; private set; } = null!;

    public static async Task<Tenants> CreateAsync(HaVipApp app)
    {
        var admin = app.Api;
        var accountA = await admin.ReadAsync<AccountDto>(await admin.PostAsync("/v1/accounts", new CreateAccountRequest("tenant-a")), HttpStatusCode.Created);
        var accountB = await admin.ReadAsync<AccountDto>(await admin.PostAsync("/v1/accounts", new CreateAccountRequest("tenant-b")), HttpStatusCode.Created);
        var keyA = await TestKeys.CreateAsync(admin.Http, new CreateApiKeyRequest("a", AccountId: accountA.Id));
        var keyB = await TestKeys.CreateAsync(admin.Http, new CreateApiKeyRequest("b", AccountId: accountB.Id));
        var tenants = new Tenants(app, admin, app.ApiWithKey(keyA.Secret), app.ApiWithKey(keyB.Secret), accountA.Id, accountB.Id);
        await tenants.BuildAsync();
        return tenants;
    }

    /// <summary>Everything account A can see of its own resources, to compare before and after B's attempts.</summary>
    public async Task<string> SnapshotAAsync()
    {
        var parts = new[]
        {
            await A.Http.GetStringAsync("/v1/vpcs"),
            await A.Http.GetStringAsync("/v1/subnets"),
            await A.Http.GetStringAsync("/v1/instances"),
            await A.Http.GetStringAsync("/v1/havips"),
            await A.Http.GetStringAsync($"/v1/havips/{VipA.Id}/events"),
        };
        return string.Join("\n", parts);
    }

    private async Task BuildAsync()
    {
        // Both accounts use the same addresses: accounts' address plans are independent.
        (VpcA, SubnetA) = await A.NetworkAsync();
        InstanceA = await A.InstanceAsync(VpcA.Id, SubnetA.Id, host: "hv1", name: "a1");
        SpareA = await A.InstanceAsync(VpcA.Id, SubnetA.Id, host: "hv1", name: "a2");
        VipA = await A.HaVipAsync(SubnetA, instanceIds: [InstanceA.Id]);
        var (vpcB, subnetB) = await B.NetworkAsync();
        SubnetB = subnetB;
        InstanceB = await B.InstanceAsync(vpcB.Id, subnetB.Id, host: "hv2", name: "b1");
        VipB = await B.HaVipAsync(subnetB, instanceIds: [InstanceB.Id]);
    }
}
