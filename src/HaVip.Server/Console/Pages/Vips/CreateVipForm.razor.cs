using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Server.Console.Data;
using HaVip.Server.HaVips;
using HaVip.Server.Inventory;
using Microsoft.AspNetCore.Components;

namespace HaVip.Server.Console.Pages.Vips;

public sealed partial class CreateVipForm
{
    private static readonly string[] Fields = ["name", "remark", "type", "subnetId", "ipVersion", "ipAddress", "instanceIds"];
    private readonly FieldErrors _errors = new();
    private List<Vpc> _vpcs = [];
    private List<Subnet> _subnets = [];
    private IReadOnlyList<InstanceChoice> _choices = [];
    private IReadOnlyList<string> _selected = [];
    private bool _loading = true;
    private bool _busy;
    private string? _name;
    private string? _remark;
    private SubnetType _type = SubnetType.Internal;
    private string? _vpcId;
    private string? _subnetId;
    private IpFamily _family = IpFamily.Ipv4;
    private string? _ip;
    private string? _ipHelp;

    [Inject] private ConsoleOps Ops { get; set; } = default!;

    [Parameter] public EventCallback<HighAvailabilityVip> OnCreated { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    private List<Subnet> SubnetsOfChoice => _subnets.Where(s => s.VpcId == _vpcId && s.Type == _type).ToList();

    private Subnet? SelectedSubnet => _subnets.Find(s => s.Id == _subnetId);

    /// <summary>Where the address comes from: the subnet's IPv4 CIDR or its IPv6 /64.</summary>
    private string? AddressSpace => _family == IpFamily.Ipv6 ? SelectedSubnet?.Ipv6Cidr : SelectedSubnet?.Cidr;

    private string TypeText => _type.ToString().ToLowerInvariant();

    protected override async Task OnInitializedAsync()
    {
        _vpcs = await Ops.RunAsync<VpcService, List<Vpc>>(v => v.ListAsync(CancellationToken.None));
        _subnets = await Ops.RunAsync<SubnetService, List<Subnet>>(s => s.ListAsync(null, CancellationToken.None));
        // The first VPC with a subnet of the default type, so that the common case needs no choosing.
        _vpcId = (_vpcs.Find(v => _subnets.Exists(s => s.VpcId == v.Id && s.Type == _type)) ?? _vpcs.FirstOrDefault())?.Id;
        await SubnetChangedAsync(SubnetsOfChoice.FirstOrDefault()?.Id);
        _loading = false;
    }

    private async Task TypeChangedAsync(SubnetType type)
    {
        _type = type;
        _errors.Clear("type");
        await SubnetChangedAsync(SubnetsOfChoice.FirstOrDefault()?.Id);
    }

    private async Task VpcChangedAsync(string? vpcId)
    {
        _vpcId = vpcId;
        await SubnetChangedAsync(SubnetsOfChoice.FirstOrDefault()?.Id);
    }

    private async Task SubnetChangedAsync(string? subnetId)
    {
        _subnetId = subnetId;
        _errors.Clear("subnetId");
        if (SelectedSubnet?.Ipv6Cidr is null)
        {
            _family = IpFamily.Ipv4;
        }
        _selected = [];
        _choices = subnetId is null ? [] : await Ops.InstanceChoicesAsync(subnetId, CancellationToken.None);
        await CheckIpAsync();
    }

    private async Task FamilyChangedAsync(IpFamily family)
    {
        _family = family;
        _errors.Clear("ipVersion");
        await CheckIpAsync();
    }

    private async Task IpChangedAsync(string? ip)
    {
        _ip = ip;
        if (!string.IsNullOrWhiteSpace(ip))
        {
            // A typed address decides the family, as it does in the API.
            _family = ip.Contains(':', StringComparison.Ordinal) ? IpFamily.Ipv6 : IpFamily.Ipv4;
        }
        await CheckIpAsync();
    }

    private async Task SuggestAsync()
    {
        try
        {
            _ip = await Ops.RunAsync<HaVipService, string>(h => h.SuggestAddressAsync(_subnetId!, CancellationToken.None, _family));
            await CheckIpAsync();
        }
        catch (DomainException refused)
        {
            _errors.Set("ipAddress", refused.Message);
        }
    }

    /// <summary>Live validation: the create rules for the address, run by the server's own service.</summary>
    private async Task CheckIpAsync()
    {
        _errors.Clear("ipAddress");
        _ipHelp = null;
        if (string.IsNullOrWhiteSpace(_ip) || _subnetId is null)
        {
            _ipHelp = _subnetId is null ? null : $"Leave empty to get the lowest free {(_family == IpFamily.Ipv6 ? "IPv6" : "IPv4")} address.";
            return;
        }
        try
        {
            var ip = _ip.Trim();
            await Ops.RunAsync<HaVipService>(h => h.CheckAddressAsync(_subnetId, ip, CancellationToken.None));
            _ipHelp = $"{ip} is free in {AddressSpace}.";
        }
        catch (DomainException refused)
        {
            _errors.Set("ipAddress", refused.Message);
        }
    }

    private async Task ConfirmAsync()
    {
        _busy = true;
        try
        {
            var ip = string.IsNullOrWhiteSpace(_ip) ? null : _ip.Trim();
            var request = new CreateHaVip(_name, _type, _subnetId, _remark, ip, _selected, ip is null ? _family : null);
            var vip = await Ops.RunAsync<HaVipService, HighAvailabilityVip>(h => h.CreateAsync(request, CancellationToken.None));
            _errors.Clear();
            await OnCreated.InvokeAsync(vip);
        }
        catch (DomainException refused)
        {
            _errors.From(refused, Fields);
            if (_subnetId is not null)
            {
                // A refused bind usually means the counts moved since the form opened.
                _choices = await Ops.InstanceChoicesAsync(_subnetId, CancellationToken.None);
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
