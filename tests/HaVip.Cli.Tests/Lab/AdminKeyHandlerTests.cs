using System.Net;
using HaVip.Lab.Api;

namespace HaVip.Cli.Tests.Lab;

/// <summary>`havip up` talks to its server with the admin key the server wrote, once it is there.</summary>
public sealed class AdminKeyHandlerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("havip-adminkey-");
    private readonly List<string?> _sent = [];

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Send_KeyFileAppearsLater_SendsNothingThenTheKey()
    {
        var file = Path.Combine(_dir.FullName, AdminKeyHandler.FileName);
        using var http = new HttpClient(new AdminKeyHandler(file) { InnerHandler = new Recorder(_sent) }) { BaseAddress = new Uri("http://havip-server") };

        await http.GetAsync("/readyz", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(file, "admin-secret\n", TestContext.Current.CancellationToken);
        await http.GetAsync("/v1/havips", TestContext.Current.CancellationToken);

        _sent.Should().Equal(null, "Bearer admin-secret");
    }

    private sealed class Recorder(List<string?> sent) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add(request.Headers.Authorization?.ToString());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
