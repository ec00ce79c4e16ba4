using System.Security.Cryptography;
using System.Text;
using HaVip.Domain;
using HaVip.Domain.Errors;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Http;

/// <summary>
/// <c>Idempotency-Key</c> on a POST: the first response is stored and replayed for a retry with
/// the same key and body; the same key with another request is 422. The handler runs inside one
/// write of the <see cref="WriteGate"/> (its own writes join it) and the record is added to that
/// write, so the change and its record commit together or not at all; a crash between them
/// cannot let a retry change things twice. Requests with one key therefore also run one at a
/// time. A record belongs to the caller's key and role, holds no secret, is kept only up to a
/// size, and expires.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, WriteGate gate, TimeProvider time, IOptions<IdempotencyOptions> options)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context, HaVipDbContext db)
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
        var request = new KeyedRequest(context, caller, $"{caller.KeyId}/{key}", key, await HashRequestAsync(context.Request));
        // A stored answer is replayed without queueing for the writer; only a first run writes.
        if (await FindLiveAsync(db, request.RecordKey, context.RequestAborted) is { } stored)
        {
            await ReplayAsync(request, stored);
            return;
        }
        await RunAsync(request, db);
    }

    private async Task RunAsync(KeyedRequest request, HaVipDbContext db)
    {
        var context = request.Context;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        var headersBefore = context.Response.Headers.ToArray();
        context.Response.Body = buffer;
        IdempotencyRecord? storedMeanwhile;
        try
        {
            storedMeanwhile = await gate.RunAsync(db, async ct =>
            {
                // Another request with this key may have committed while this one waited its turn.
                if (await FindLiveAsync(db, request.RecordKey, ct) is { } stored)
                {
                    return stored;
                }
                var now = time.UtcNow();
                await db.IdempotencyRecords.Where(r => r.Key == request.RecordKey).ExecuteDeleteAsync(ct);
                await RunHandlerAsync(context, buffer, headersBefore);
                // A 5xx is not an answer: nothing of it is kept, and the retry really runs again.
                if (context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
                {
                    throw new ServerErrorRolledBack();
                }
                db.IdempotencyRecords.Add(Record(request, buffer.ToArray(), now));
                return null;
            }, context.RequestAborted);
        }
        catch (ServerErrorRolledBack)
        {
            storedMeanwhile = null;
        }
        finally
        {
            context.Response.Body = original;
        }
        if (storedMeanwhile is not null)
        {
            await ReplayAsync(request, storedMeanwhile);
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Runs the handler from the start of the request body into an empty response, as often as the write is run.</summary>
    private async Task RunHandlerAsync(HttpContext context, MemoryStream buffer, KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[] headersBefore)
    {
        buffer.SetLength(0);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.Clear();
        foreach (var (name, value) in headersBefore)
        {
            context.Response.Headers[name] = value;
        }
        context.Items.Remove(ProblemWriter.CodeItem);
        context.Request.Body.Position = 0;
        await next(context);
    }

    private IdempotencyRecord Record(KeyedRequest request, byte[] body, DateTime now)
    {
        var response = request.Context.Response;
        var omitted = false;
        if (request.Context.GetEndpoint()?.Metadata.GetMetadata<SecretShownOnce>() is { } secret)
        {
            (body, omitted) = secret.Redact(body);
        }
        var fits = body.Length <= options.Value.MaxStoredResponseBytes;
        return new IdempotencyRecord
        {
            Key = request.RecordKey,
            RequestHash = request.Hash,
            Role = request.Caller.Role,
            StatusCode = response.StatusCode,
            Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            ContentType = response.ContentType,
            Body = fits ? body : [],
            ResponseStored = fits,
            SecretOmitted = omitted,
            CreatedAt = now,
        };
    }

    private async Task<IdempotencyRecord?> FindLiveAsync(HaVipDbContext db, string recordKey, CancellationToken ct)
    {
        var stored = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == recordKey, ct);
        return stored is not null && stored.CreatedAt + options.Value.TimeToLive > time.UtcNow() ? stored : null;
    }

    private static async Task ReplayAsync(KeyedRequest request, IdempotencyRecord stored)
    {
        var context = request.Context;
        if (stored.RequestHash != request.Hash)
        {
            await ProblemWriter.Result(context, ErrorCode.IdempotencyKeyReused,
                $"{Header} '{request.Key}' was already used for a different request; use a new key for a new request.").ExecuteAsync(context);
            return;
        }
        // Key ids are never reused and a key keeps its role, so this only guards against a record gone astray.
        if (stored.Role != request.Caller.Role)
        {
            await ProblemWriter.Result(context, ErrorCode.Forbidden, $"{Header} '{request.Key}' was used with another role; use a new key.").ExecuteAsync(context);
            return;
        }
        if (!stored.ResponseStored)
        {
            await ProblemWriter.Result(context, ErrorCode.IdempotencyResponseNotStored,
                $"The request with {Header} '{request.Key}' ran, but its response was too large to keep for a retry; read the result instead of retrying.").ExecuteAsync(context);
            return;
        }
        context.Response.StatusCode = stored.StatusCode;
        context.Response.Headers[ReplayedHeader] = "true";
        if (stored.SecretOmitted)
        {
            context.Response.Headers[SecretShownOnce.Header] = SecretShownOnce.Explanation;
        }
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

    private sealed record KeyedRequest(HttpContext Context, Caller Caller, string RecordKey, string Key, string Hash);

    /// <summary>Thrown out of the write to roll back whatever a handler that answered 5xx had written.</summary>
    private sealed class ServerErrorRolledBack : Exception;
}
