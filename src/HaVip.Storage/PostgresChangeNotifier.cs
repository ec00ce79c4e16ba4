using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HaVip.Storage;

/// <summary>
/// Every committed write on PostgreSQL notifies <see cref="Channel"/>; PostgreSQL delivers the
/// notification at commit (and drops it on rollback), so every replica learns of a change made
/// through any other replica at once, without polling. Commits of a context that does not
/// <see cref="HaVipDbContext.AnnouncesCommits"/>, or that saved no row, stay silent.
/// </summary>
internal sealed class PostgresChangeNotifier : DbTransactionInterceptor
{
    public const string Channel = "havip_changes";

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is HaVipDbContext { CommitIsNews: false })
        {
            return result;
        }
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"NOTIFY {Channel}";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }
}
