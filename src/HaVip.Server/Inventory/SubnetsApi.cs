using HaVip.Contracts.Api;
using HaVip.Server.Access;
using HaVip.Server.Http;

namespace HaVip.Server.Inventory;

public static class SubnetsApi
{
    public static void MapSubnets(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/subnets").WithTags("Subnets");
        group.MapPost("/", async (CreateSubnetRequest request, SubnetService subnets, CancellationToken ct) =>
        {
            var subnet = await subnets.CreateAsync(request.VpcId, request.Name, request.Cidr, request.Gateway, request.Type?.ToDomain(), request.Ipv6Cidr, ct);
            return TypedResults.Created($"/v1/subnets/{subnet.Id}", subnet.ToDto());
        });
        group.MapGet("/", async (string? vpcId, SubnetService subnets, CancellationToken ct) =>
            new Page<SubnetDto>((await subnets.ListAsync(vpcId, ct)).Select(s => s.ToDto()).ToArray(), null));
        group.MapGet("/{id}", async (string id, SubnetService subnets, CancellationToken ct) => (await subnets.GetAsync(id, ct)).ToDto());
        group.MapPatch("/{id}", async (string id, UpdateSubnetRequest request, SubnetService subnets, CancellationToken ct) =>
            (await subnets.UpdateAsync(id, request.Ipv6Cidr, ct)).ToDto());
        group.MapDelete("/{id}", async (string id, SubnetService subnets, CancellationToken ct) =>
        {
            await subnets.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
    }
}
