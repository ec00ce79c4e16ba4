using System.Net;
using HaVip.Contracts.Api;

namespace HaVip.Server.Tests.Replicas;

[Collection(nameof(ReplicaCollection))]
public sealed class KeyRevocationAcrossReplicasTests
{
    /// <summary>
    /// LISTEN/NOTIFY delivers a commit to the other replica within milliseconds; 2 s is the bound
    /// this test allows for that delivery on a loaded machine, not a cache lifetime (a key is
    /// cached for minutes, so without the notification B would keep serving it).
    /// </summary>
    private static readonly TimeSpan NotificationBound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task KeyRevokedThroughReplicaA_IsRefusedByReplicaB_WhichHadItCached()
    {
        await using var cluster = await ReplicaCluster.StartAsync();
        using var adminA = cluster.Replicas[0].Client();
        var created = await TestKeys.CreateAsync(adminA, new CreateApiKeyRequest("revoked across"));
        using var tenantB = cluster.Replicas[1].Client().WithKey(created.Secret);
        (await tenantB.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK, "replica B accepts, and caches, the live key");

        (await adminA.DeleteAsync($"/v1/keys/{created.Key.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await Eventually.GetAsync(async () => (await tenantB.GetAsync("/v1/vpcs")).StatusCode,
            status => status == HttpStatusCode.Unauthorized, NotificationBound, "replica B refusing the key revoked through replica A");
    }
}
