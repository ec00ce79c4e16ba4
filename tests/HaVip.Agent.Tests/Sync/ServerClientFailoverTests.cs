using System.Net;
using HaVip.Agent.Sync;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Tests.Sync;

public sealed class ServerClientFailoverTests
{
    [Fact]
    public async Task Call_FirstReplicaDown_FailsOnceThenNextCallGoesToSecond()
    {
        var down = new Replica(_ => throw new HttpRequestException("connection refused"));
        var up = new Replica(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var client = new ServerClient([down.Client, up.Client], "hv1");
        var report = new HolderReport("havip-abcdefgh", "i-abcdefgh", DateTime.UnixEpoch);

        var first = () => client.HolderAsync(report, CancellationToken.None);
        await first.Should().ThrowAsync<HttpRequestException>();
        await client.HolderAsync(report, CancellationToken.None);
        await client.HolderAsync(report, CancellationToken.None);

        down.Calls.Should().Be(1);
        up.Calls.Should().Be(2, "the agent stays on the replica that answers");
    }

    [Fact]
    public async Task Call_ReplicaAnswers503_MovesOnAsWell()
    {
        var sick = new Replica(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var healthy = new Replica(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var client = new ServerClient([sick.Client, healthy.Client], "hv1");

        var first = () => client.AckAsync(7, new Dictionary<string, string>(), CancellationToken.None);
        await first.Should().ThrowAsync<HttpRequestException>();
        await client.AckAsync(7, new Dictionary<string, string>(), CancellationToken.None);

        (sick.Calls, healthy.Calls).Should().Be((1, 1));
    }

    [Fact]
    public void CreateAll_CommaSeparated_OneClientEach()
    {
        var clients = ServerClient.CreateAll("http://127.0.0.1:5080, http://127.0.0.1:5081,unix:/run/havip.sock");
        clients.Select(c => c.BaseAddress!.ToString()).Should().Equal("http://127.0.0.1:5080/", "http://127.0.0.1:5081/", "http://havip-server/");
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    private sealed class Replica(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        public HttpClient Client => new(this, disposeHandler: false) { BaseAddress = new Uri("http://replica") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(answer(request));
        }
    }
}
