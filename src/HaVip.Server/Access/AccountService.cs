using HaVip.Domain;
using HaVip.Domain.Accounts;
using HaVip.Domain.Errors;
using HaVip.Domain.Resources;
using HaVip.Server.Http;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Access;

/// <summary>Accounts, for admins.</summary>
public sealed class AccountService(HaVipDbContext db, WriteGate gate, TimeProvider time)
{
    public Task<Account> CreateAsync(string? name, CancellationToken ct)
    {
        var errors = new ErrorCollector();
        NameRules.CheckName(name, errors);
        errors.ThrowIfAny();
        return gate.RunAsync(db, _ =>
        {
            var account = new Account { Id = ResourceId.New(ResourceId.AccountPrefix), Name = name!.Trim(), CreatedAt = time.UtcNow() };
            db.Accounts.Add(account);
            return Task.FromResult(account);
        }, ct);
    }

    public async Task<(IReadOnlyList<Account> Items, string? NextPageToken)> ListAsync(Paging paging, CancellationToken ct)
    {
        var query = db.Accounts.AsNoTracking();
        if (paging.After is { } after)
        {
            query = query.Where(a => string.Compare(a.Id, after) > 0);
        }
        return paging.Page(await query.OrderBy(a => a.Id).Take(paging.Size + 1).ToListAsync(ct), a => a.Id);
    }

    public async Task<Account> GetAsync(string id, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw DomainException.NotFound("account", id);
}
