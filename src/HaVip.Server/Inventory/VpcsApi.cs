using HaVip.Contracts.Api;

namespace HaVip.Server.Inventory;

public static class VpcsApi
{
    public static void MapVpcs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/vpcs").WithTags("VPCs");
        group.MapPost("/", async (CreateVpcRequest request, VpcService vpcs, CancellationToken ct) =>
        {
            var vpc = await vpcs.CreateAsync(request.Name, request.Cidr, ct);
            return TypedResults.Created($"/v1/vpcs/{vpc.Id}", vpc.ToDto());
        });
        group.MapGet("/", async (VpcService vpcs, CancellationToken ct) =>
            new Page<VpcDto>((await vpcs.ListAsync(ct)).Select(v => v.ToDto()).ToArray(), null));
        group.MapGet("/{id}", async (string id, VpcService vpcs, CancellationToken ct) => (await vpcs.GetAsync(id, ct)).ToDto());
        group.MapDelete("/{id}", async (string id, VpcService vpcs, CancellationToken ct) =>
        {
            await vpcs.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
    }
}
