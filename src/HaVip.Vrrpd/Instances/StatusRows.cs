namespace HaVip.Vrrpd.Instances;

/// <summary>
/// The rows of one reader of snapshots (the metrics server, the control socket), kept from one
/// snapshot to the next and filled in place on the instance loop. A reader renders its rows
/// before it asks again, and two readers never share rows.
/// </summary>
internal sealed class StatusRows
{
    private readonly List<InstanceStatus> _rows = [];
    private readonly List<InstanceRunner> _runners = [];

    public IReadOnlyList<InstanceStatus> Rows => _rows;

    /// <summary>The loop's last fill of these rows.</summary>
    public Task? Filling { get; set; }

    /// <summary>Off the loop: which instances to fill, in name order (the order of the output).</summary>
    public void Select(IEnumerable<KeyValuePair<string, InstanceRunner>> instances)
    {
        _runners.Clear();
        foreach (var (_, runner) in instances)
            _runners.Add(runner);
        _runners.Sort(static (a, b) => string.CompareOrdinal(a.Plan.Name, b.Plan.Name));
    }

    /// <summary>On the loop thread: one row per selected instance, reused.</summary>
    public void Fill()
    {
        while (_rows.Count < _runners.Count)
            _rows.Add(new InstanceStatus());
        if (_rows.Count > _runners.Count)
            _rows.RemoveRange(_runners.Count, _rows.Count - _runners.Count);
        for (var i = 0; i < _runners.Count; i++)
            _runners[i].Fill(_rows[i]);
    }
}
