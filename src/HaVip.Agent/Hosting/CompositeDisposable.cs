namespace HaVip.Agent.Hosting;

internal sealed class CompositeDisposable(IEnumerable<IDisposable> items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items)
        {
            item.Dispose();
        }
    }
}
