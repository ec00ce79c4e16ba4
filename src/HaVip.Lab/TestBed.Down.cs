using HaVip.Lab.Processes;

namespace HaVip.Lab;

public sealed partial class TestBed
{
    /// <summary>
    /// Removes everything: processes (VRRP first, the server last), then every namespace with
    /// this lab's prefix, which takes their links and nft tables along. Safe to call twice.
    /// </summary>
    public async Task DownAsync()
    {
        var order = State.Pids.OrderBy(p => p.Key.StartsWith("keepalived-", StringComparison.Ordinal) ? 0 : p.Key.StartsWith("server", StringComparison.Ordinal) ? 2 : 1).ToArray();
        foreach (var (_, pid) in order)
        {
            await Launcher.StopAsync(pid, TimeSpan.FromSeconds(3));
        }
        State.Pids.Clear();
        foreach (var netns in await _netns.ListAsync(CancellationToken.None))
        {
            if (netns.StartsWith(Names.Prefix, StringComparison.Ordinal))
            {
                await _netns.DeleteAsync(netns, CancellationToken.None);
            }
        }
        if (Directory.Exists(State.StateDir))
        {
            File.Delete(Path.Combine(State.StateDir, LabState.FileName));
        }
        Api.Http.Dispose();
    }

    /// <summary>Deletes the state directory (logs, database); keep it when a test failed and its logs matter.</summary>
    public void DeleteState()
    {
        try
        {
            Directory.Delete(State.StateDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
