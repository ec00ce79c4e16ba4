using System.Security.Cryptography;
using System.Text;
using HaVip.Domain;
using HaVip.Domain.Errors;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Http;

/// <summary>
/// <c>Idempotency-Key</c> on a POST: the first response is stored and replayed for a retry with
/// the same key and body; the same key with another request is 422. Requests with one key run
/// one at a time, so two concurrent retries cannot both create.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;
    private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task InvokeAsync(HttpContext context, HaVipDbContext db, TimeProvider time)
    {
        var key = context.Request.Headers[Header].ToString();
        var caller = Caller.From(context.User);
        if (!HttpMethods.IsPost(context.Request.Method) || string.IsNullOrEmpty(key) || !context.Request.Path.StartsWithSegments("/v1") || caller is null)
        {
            await next(context);
            return;
        }
        if (key.Length > MaxKeyLength)
        {
            await ProblemWriter.Result(context, ErrorCode.InvalidParameter, $"{Header} must be at most {MaxKeyLength} characters.", Header).ExecuteAsync(context);
            return;
        }
        var hash = await HashRequestAsync(context.Request);
        // Keys are per account: another account's key, even an equal one, is never replayed to this caller.
        var scoped = $"{caller.AccountId}/{key}";
        var stripe = Stripes[(uint)StringComparer.Ordinal.GetHashCode(scoped) % Stripes.Length];
        await stripe.WaitAsync(context.RequestAborted);
        try
        {
            var stored = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == scoped, context.RequestAborted);
            if (stored is not null)
            {
                await ReplayAsync(context, stored, key, hash);
                return;
            }
            await RunAndStoreAsync(context, db, scoped, hash, time.UtcNow());
        }
        finally
        {
            stripe.Release();
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord stored, string key, string hash)
    {
        if (stored.RequestHash != hash)
        {
            await ProblemWriter.Result(context, ErrorCode.IdempotencyKeyReused,
                $"{Header} '{key}' was already used for a different request; use a new key for a new request.").ExecuteAsync(context);
            return;
        }
        context.Response.StatusCode = stored.StatusCode;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (stored.Location is not null)
        {
            context.Response.Headers.Location = stored.Location;
        }
        if (stored.ContentType is not null)
        {
            context.Response.ContentType = stored.ContentType;
        }
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private async Task RunAndStoreAsync(HttpContext context, HaVipDbContext db, string key, string hash, DateTime now)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        // A 5xx is not an answer: the retry should really run again.
        if (context.Response.StatusCode < 500)
        {
            db.ChangeTracker.Clear();
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Key = key,
                RequestHash = hash,
                StatusCode = context.Response.StatusCode,
                Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                ContentType = context.Response.ContentType,
                Body = buffer.ToArray(),
                CreatedAt = now,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
