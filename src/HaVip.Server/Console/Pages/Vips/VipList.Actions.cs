using HaVip.Server.Console.Data;
using MudBlazor;

namespace HaVip.Server.Console.Pages.Vips;

/// <summary>The list's dialogs: each reloads the page when it changed something.</summary>
public sealed partial class VipList
{
    private static readonly DialogOptions Wide = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true };

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateVipDialog>("Create HAVIP", Wide);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string id })
        {
            Snackbar.Add($"HAVIP {id} created.", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task EditAsync(VipRow row)
    {
        var parameters = new DialogParameters<EditVipDialog>
        {
            { d => d.Id, row.Id },
            { d => d.Name, row.Name },
            { d => d.Remark, row.Remark },
        };
        await ShowAndReloadAsync<EditVipDialog>("Edit HAVIP", parameters);
    }

    private async Task InstancesAsync(VipRow row)
    {
        var parameters = new DialogParameters<InstancesDialog>
        {
            { d => d.Id, row.Id },
            { d => d.Name, row.Name },
            { d => d.SubnetId, row.SubnetId },
            { d => d.Bound, row.InstanceIdList },
            { d => d.MasterInstanceId, row.MasterInstanceId },
        };
        await ShowAndReloadAsync<InstancesDialog>("Instances", parameters);
    }

    private async Task DeleteSelectedAsync()
    {
        var chosen = _shown.Where(r => _selected.Any(s => s.Id == r.Id)).ToArray();
        var parameters = new DialogParameters<DeleteVipsDialog> { { d => d.Vips, chosen } };
        await ShowAndReloadAsync<DeleteVipsDialog>("Delete HAVIPs", parameters);
    }

    private async Task ShowAndReloadAsync<TDialog>(string title, DialogParameters parameters)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, Wide);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }
}
