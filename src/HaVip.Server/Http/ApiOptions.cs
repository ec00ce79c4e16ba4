namespace HaVip.Server.Http;

/// <summary>Settings under "Api" (appsettings, environment Api__X, or command line --Api:X).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Serve the API reference (/docs) and the OpenAPI document to callers without a key or console session.</summary>
    public bool PublicDocs { get; set; }

    /// <summary>The largest request body read; a larger one answers 413 PayloadTooLarge. The largest real request (a batch delete of 100 ids) is a few kilobytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
