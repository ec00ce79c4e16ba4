using System.CommandLine;
using System.Globalization;
using HaVip.Cli.Output;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Commands;

/// <summary>
/// Deleting one HAVIP or several (one batch call, a result per id). The result is a
/// <see cref="BatchDeleteResponse"/> either way, so scripts read one shape.
/// </summary>
internal static partial class VipCommands
{
    private static Command Delete(ApiScope scope)
    {
        var ids = new Argument<string[]>("vips") { Description = "HAVIP ids", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Delete HAVIPs (exit 1 if any is refused)") { ids };
        var wait = new WaitOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var targets = call.Get(ids).Distinct(StringComparer.Ordinal).ToArray();
            var response = targets.Length == 1
                ? new BatchDeleteResponse([await DeleteOneAsync(call, targets[0], ct)])
                : await call.Api.BatchDeleteHaVipsAsync(targets, ct);
            var timedOut = false;
            if (wait.Enabled(call))
            {
                (response, timedOut) = await WaitGoneAsync(call, response, wait.Timeout(call), ct);
            }
            PrintDeleted(call, response, single: targets.Length == 1);
            if (timedOut)
            {
                return call.Fail(string.Create(CultureInfo.InvariantCulture, $"gave up after {wait.Timeout(call).TotalSeconds} s: hosts are still removing some."));
            }
            return response.Results.All(r => r.Deleted && r.Status != HaVipState.Failed) ? 0 : 1;
        });
        return command;
    }

    private static async Task<BatchDeleteItem> DeleteOneAsync(ApiInvocation call, string id, CancellationToken ct) =>
        await call.Api.DeleteHaVipAsync(id, ct) is { } deleting ? new BatchDeleteItem(id, true, deleting.Status) : new BatchDeleteItem(id, true);

    /// <summary>Follows those still deleting until they are gone; the result then says how each ended.</summary>
    private static async Task<(BatchDeleteResponse, bool TimedOut)> WaitGoneAsync(ApiInvocation call, BatchDeleteResponse response, TimeSpan timeout, CancellationToken ct)
    {
        var deleting = response.Results.Where(r => r.Deleted && r.Status is not null).Select(r => r.Id).ToArray();
        if (deleting.Length == 0)
        {
            return (response, false);
        }
        var outcome = await VipWait.FollowAsync(call, deleting, WaitGoal.Gone, timeout, ct);
        var results = response.Results.Select(r => outcome.Last.TryGetValue(r.Id, out var last) ? r with { Status = last?.Status } : r).ToArray();
        return (new BatchDeleteResponse(results), outcome.TimedOut);
    }

    private static void PrintDeleted(ApiInvocation call, BatchDeleteResponse response, bool single)
    {
        if (!single || call.Out.IsJson)
        {
            call.Out.Print(response, HaVipTables.BatchDelete);
            return;
        }
        var result = response.Results[0];
        call.Out.Note(result.Status switch
        {
            null => $"deleted {result.Id}",
            HaVipState.Deleting => $"{result.Id} is deleting (hosts still remove it; --wait follows it)",
            { } other => $"{result.Id} is {Cells.Lower(other)}",
        });
    }
}
