using HaVip.Domain;
using HaVip.Domain.Accounts;
using HaVip.Domain.Resources;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Access;

/// <summary>
/// Makes sure someone can administer a fresh server: the configured bootstrap key is accepted,
/// or, when there is none and no admin key exists yet, one is made and written to
/// admin.key in the data directory, readable by its owner only.
/// </summary>
internal static partial class AdminKeyBootstrap
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var server = services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminKeyBootstrap).FullName!);
        var db = services.GetRequiredService<HaVipDbContext>();
        var now = services.GetRequiredService<TimeProvider>().UtcNow();
        if (!string.IsNullOrEmpty(auth.BootstrapAdminKey))
        {
            var hash = ApiKeySecrets.Hash(auth.BootstrapAdminKey);
            if (!await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct))
            {
                db.ApiKeys.Add(NewAdminKey(auth.BootstrapAdminKey, "bootstrap", now));
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Replicas starting together with the same key: fine if another one stored it first.
                    if (!await ExistsAsync(hash, services, ct))
                    {
                        throw;
                    }
                }
            }
            return;
        }
        if (await db.ApiKeys.AnyAsync(k => k.Role == ApiKeyRole.Admin && k.RevokedAt == null, ct))
        {
            return;
        }
        var secret = ApiKeySecrets.New();
        var file = Path.Combine(Path.GetFullPath(server.DataDir), AuthOptions.AdminKeyFile);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Written before the key is stored: a crash in between leaves a useless file, never an unknown key.
        await WriteOwnerOnlyAsync(file, secret, ct);
        db.ApiKeys.Add(NewAdminKey(secret, "admin", now));
        await db.SaveChangesAsync(ct);
        LogCreated(logger, file);
    }

    private static async Task<bool> ExistsAsync(string hash, IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HaVipDbContext>().ApiKeys.AnyAsync(k => k.Hash == hash, ct);
    }

    private static async Task WriteOwnerOnlyAsync(string file, string secret, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
        {
            await File.WriteAllTextAsync(file, secret + Environment.NewLine, ct);
            return;
        }
        // Created 0600, not chmod-ed afterwards: the key is never readable by others, not even for a moment.
        File.Delete(file);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await using var writer = new StreamWriter(new FileStream(file, options));
        await writer.WriteLineAsync(secret.AsMemory(), ct);
    }

    private static ApiKey NewAdminKey(string secret, string name, DateTime now) => new()
    {
        Id = ResourceId.NewKeyId(),
        Name = name,
        AccountId = Account.DefaultId,
        Role = ApiKeyRole.Admin,
        Prefix = ApiKeySecrets.PrefixOf(secret),
        Hash = ApiKeySecrets.Hash(secret),
        CreatedAt = now,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin key and wrote it to {File} (readable by this user only); use it as 'Authorization: Bearer <key>' and to sign in to the console")]
    private static partial void LogCreated(ILogger logger, string file);
}
