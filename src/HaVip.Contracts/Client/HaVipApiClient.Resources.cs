using HaVip.Contracts.Api;

namespace HaVip.Contracts.Client;

/// <summary>VPCs, subnets and instances.</summary>
public sealed partial class HaVipApiClient
{
    public Task<VpcDto> CreateVpcAsync(CreateVpcRequest request, CancellationToken ct) => SendAsync<VpcDto>(HttpMethod.Post, "/v1/vpcs", request, ct);

    public Task<Page<VpcDto>> ListVpcsAsync(PageRequest page, CancellationToken ct) =>
        GetAsync<Page<VpcDto>>(Query.Build("/v1/vpcs", page), ct);

    public Task<VpcDto> GetVpcAsync(string id, CancellationToken ct) => GetAsync<VpcDto>($"/v1/vpcs/{Id(id)}", ct);

    public Task DeleteVpcAsync(string id, CancellationToken ct) => SendNoContentAsync(HttpMethod.Delete, $"/v1/vpcs/{Id(id)}", ct);

    public Task<SubnetDto> CreateSubnetAsync(CreateSubnetRequest request, CancellationToken ct) =>
        SendAsync<SubnetDto>(HttpMethod.Post, "/v1/subnets", request, ct);

    public Task<Page<SubnetDto>> ListSubnetsAsync(string? vpcId, PageRequest page, CancellationToken ct) =>
        GetAsync<Page<SubnetDto>>(Query.Build("/v1/subnets", page, ("vpcId", vpcId)), ct);

    public Task<SubnetDto> GetSubnetAsync(string id, CancellationToken ct) => GetAsync<SubnetDto>($"/v1/subnets/{Id(id)}", ct);

    public Task<SubnetDto> UpdateSubnetAsync(string id, UpdateSubnetRequest request, CancellationToken ct) =>
        SendAsync<SubnetDto>(HttpMethod.Patch, $"/v1/subnets/{Id(id)}", request, ct);

    public Task DeleteSubnetAsync(string id, CancellationToken ct) => SendNoContentAsync(HttpMethod.Delete, $"/v1/subnets/{Id(id)}", ct);

    public Task<InstanceDto> CreateInstanceAsync(CreateInstanceRequest request, CancellationToken ct) =>
        SendAsync<InstanceDto>(HttpMethod.Post, "/v1/instances", request, ct);

    public Task<Page<InstanceDto>> ListInstancesAsync(string? vpcId, string? subnetId, PageRequest page, CancellationToken ct) =>
        GetAsync<Page<InstanceDto>>(Query.Build("/v1/instances", page, ("vpcId", vpcId), ("subnetId", subnetId)), ct);

    public Task<InstanceDto> GetInstanceAsync(string id, CancellationToken ct) => GetAsync<InstanceDto>($"/v1/instances/{Id(id)}", ct);

    public Task<InstanceDto> UpdateInstanceAsync(string id, UpdateInstanceRequest request, CancellationToken ct) =>
        SendAsync<InstanceDto>(HttpMethod.Patch, $"/v1/instances/{Id(id)}", request, ct);

    public Task DeleteInstanceAsync(string id, CancellationToken ct) => SendNoContentAsync(HttpMethod.Delete, $"/v1/instances/{Id(id)}", ct);
}
