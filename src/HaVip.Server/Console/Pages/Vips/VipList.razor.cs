using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Server.Console.Data;
using HaVip.Server.HaVips;
using HaVip.Server.Inventory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HaVip.Server.Console.Pages.Vips;

public sealed partial class VipList
{
    /// <summary>How often the page looks for status and master changes.</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private MudTable<VipRow> _table = default!;
    private HashSet<VipRow> _selected = [];
    private IReadOnlyList<VipRow> _shown = [];
    private TableState? _state;
    private List<Subnet> _subnets = [];
    private string? _search;
    private HaVipStatus? _status;
    private string? _subnetId;
    private string? _loadError;

    [Inject] private ConsoleOps Ops { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private ILogger<VipList> Logger { get; set; } = default!;

    private bool Filtered => !string.IsNullOrEmpty(_search) || _status is not null || _subnetId is not null;

    private HaVipFilter Filter => new(SubnetId: _subnetId, Status: _status, Name: string.IsNullOrWhiteSpace(_search) ? null : _search.Trim());

    protected override async Task OnInitializedAsync()
    {
        _subnets = await Ops.RunAsync<SubnetService, List<Subnet>>(s => s.ListAsync(null, CancellationToken.None));
        _ = RefreshLoopAsync(_stop.Token);
    }

    private async Task<TableData<VipRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        _state = state;
        try
        {
            var (rows, total) = await Ops.PageAsync(Filter, state.Page, state.PageSize, ct);
            _shown = rows;
            _loadError = null;
            return new TableData<VipRow> { Items = rows, TotalItems = total };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _loadError = "The HAVIPs could not be loaded: " + e.Message;
            return new TableData<VipRow> { Items = [], TotalItems = 0 };
        }
    }

    /// <summary>Reloads the shown page when a status, master or anything else on it changed.</summary>
    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (_state is not { } state)
                {
                    continue;
                }
                try
                {
                    var (rows, _) = await Ops.PageAsync(Filter, state.Page, state.PageSize, ct);
                    if (rows.Count != _shown.Count || rows.Zip(_shown).Any(pair => !pair.First.Shows(pair.Second)))
                    {
                        await InvokeAsync(ReloadAsync);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed look keeps the page as it is; the next tick tries again.
                    LogRefreshFailed(Logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReloadAsync()
    {
        await _table.ReloadServerData();
        // Rows that are gone cannot stay selected.
        _selected = _selected.Where(s => _shown.Any(r => r.Id == s.Id)).ToHashSet();
        StateHasChanged();
    }

    /// <summary>A new filter starts at its first page: page 3 of the old one may not exist.</summary>
    private Task FirstPageAsync()
    {
        _table.NavigateTo(0);
        return ReloadAsync();
    }

    private Task SearchAsync(string? text)
    {
        _search = text;
        return FirstPageAsync();
    }

    private Task StatusAsync(HaVipStatus? status)
    {
        _status = status;
        return FirstPageAsync();
    }

    private Task SubnetAsync(string? subnetId)
    {
        _subnetId = subnetId;
        return FirstPageAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The VIP list could not refresh")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
