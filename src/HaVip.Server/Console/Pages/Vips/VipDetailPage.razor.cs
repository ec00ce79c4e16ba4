using HaVip.Domain.Errors;
using HaVip.Server.Console.Data;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HaVip.Server.Console.Pages.Vips;

public sealed partial class VipDetailPage
{
    private static readonly DialogOptions Wide = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true };
    private readonly CancellationTokenSource _stop = new();
    private VipDetail? _detail;
    private bool _notFound;
    private bool _polling;
    private string? _loadError;
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter] public string Id { get; set; } = "";

    [Inject] private ConsoleOps Ops { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyDictionary<string, string> Names => _detail!.Instances.ToDictionary(i => i.Instance.Id, i => i.Instance.Name);

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new BreadcrumbItem("HAVIPs", "/vips"), new BreadcrumbItem(Id, null, disabled: true)];
        _notFound = false;
        await LoadAsync();
        // One loop per component: navigating from one HAVIP to another reuses it.
        if (!_polling && (_detail is not null || _loadError is not null))
        {
            _polling = true;
            _ = RefreshLoopAsync(_stop.Token);
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _detail = await VipDetail.LoadAsync(Ops, Id, CancellationToken.None);
            _loadError = null;
        }
        catch (DomainException refused) when (refused.Code == ErrorCode.NotFound)
        {
            _notFound = true;
            _detail = null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            _loadError = "The HAVIP could not be loaded: " + e.Message;
        }
    }

    /// <summary>Status, master and timeline follow the hosts' reports without a reload.</summary>
    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (_notFound)
                {
                    continue;
                }
                var before = _detail?.Signature;
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    if (_detail?.Signature != before)
                    {
                        StateHasChanged();
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EditAsync()
    {
        var vip = _detail!.Vip;
        var parameters = new DialogParameters<EditVipDialog> { { d => d.Id, vip.Id }, { d => d.Name, vip.Name }, { d => d.Remark, vip.Remark } };
        await ShowAsync<EditVipDialog>("Edit HAVIP", parameters);
    }

    private async Task InstancesAsync()
    {
        var vip = _detail!.Vip;
        var parameters = new DialogParameters<InstancesDialog>
        {
            { d => d.Id, vip.Id }, { d => d.Name, vip.Name }, { d => d.SubnetId, vip.SubnetId },
            { d => d.Bound, vip.InstanceIds }, { d => d.MasterInstanceId, vip.MasterInstanceId },
        };
        await ShowAsync<InstancesDialog>("Instances", parameters);
    }

    private async Task DeleteAsync()
    {
        var v = _detail!.Vip;
        var row = new VipRow(v.Id, v.Name, v.Remark, v.IpAddress, v.Type, v.SubnetId, _detail.Subnet.Name, v.Status, v.StatusReason, "", "", null, null);
        var parameters = new DialogParameters<DeleteVipsDialog> { { d => d.Vips, [row] } };
        await ShowAsync<DeleteVipsDialog>("Delete HAVIP", parameters);
        if (_notFound)
        {
            Navigation.NavigateTo("/vips");
        }
    }

    private async Task ShowAsync<TDialog>(string title, DialogParameters parameters)
        where TDialog : IComponent
    {
        var result = await (await Dialogs.ShowAsync<TDialog>(title, parameters, Wide)).Result;
        if (result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
