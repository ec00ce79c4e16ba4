using HaVip.Contracts.Api;
using HaVip.Domain.Resources;

namespace HaVip.Server.Inventory;

public static class InstancesApi
{
    public static void MapInstances(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/instances").WithTags("Instances");
        group.MapPost("/", async (CreateInstanceRequest request, InstanceService instances, CancellationToken ct) =>
        {
            var nics = request.Nics?.Select(n => n is null ? null : new NicSpec(n.SubnetId, n.Device, n.IpAddress, n.MacAddress, n.Ipv6Address)).ToArray();
            var instance = await instances.CreateAsync(request.Name, request.VpcId, request.Host, nics, ct);
            return TypedResults.Created($"/v1/instances/{instance.Id}", instance.ToDto(0));
        });
        group.MapGet("/", async (string? vpcId, string? subnetId, InstanceService instances, CancellationToken ct) =>
        {
            var list = await instances.ListAsync(vpcId, subnetId, ct);
            var counts = await instances.HaVipCountsAsync(list.Select(i => i.Id), ct);
            return new Page<InstanceDto>(list.Select(i => i.ToDto(counts.GetValueOrDefault(i.Id))).ToArray(), null);
        });
        group.MapGet("/{id}", async (string id, InstanceService instances, CancellationToken ct) => await WithCountAsync(instances, await instances.GetAsync(id, ct), ct));
        group.MapPatch("/{id}", async (string id, UpdateInstanceRequest request, InstanceService instances, CancellationToken ct) =>
            await WithCountAsync(instances, await instances.UpdateAsync(id, request.Name, request.Host, ct), ct));
        group.MapDelete("/{id}", async (string id, InstanceService instances, CancellationToken ct) =>
        {
            await instances.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
    }

    private static async Task<InstanceDto> WithCountAsync(InstanceService instances, Instance instance, CancellationToken ct) =>
        instance.ToDto((await instances.HaVipCountsAsync([instance.Id], ct)).GetValueOrDefault(instance.Id));
}
