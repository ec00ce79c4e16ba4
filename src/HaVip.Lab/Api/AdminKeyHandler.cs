using System.Net.Http.Headers;

namespace HaVip.Lab.Api;

/// <summary>
/// Sends the admin key the server wrote into its data dir. The server writes the file when it
/// first starts, after this client exists, so the file is looked for on each request until found.
/// </summary>
public sealed class AdminKeyHandler(string keyFile) : DelegatingHandler
{
    /// <summary>Where the server keeps its generated admin key (mode 0600).</summary>
    public const string FileName = "admin.key";

    private string? _key;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && Key() is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return base.SendAsync(request, cancellationToken);
    }

    private string? Key()
    {
        if (_key is null && File.Exists(keyFile))
        {
            var text = File.ReadAllText(keyFile).Trim();
            _key = text.Length > 0 ? text : null;
        }
        return _key;
    }
}
