namespace HaVip.Cli.Commands;

/// <summary>
/// Turns a stream of probe answers into what is worth printing: a line when the answer changes,
/// with the gap (time without any answer) that preceded it. Pure, so it is tested without a lab.
/// </summary>
internal sealed class ProbeLine
{
    private string? _last;
    private DateTime? _silentSince;
    private bool _started;

    public string? Next(string? answer, DateTime at)
    {
        if (answer is null)
        {
            _silentSince ??= at;
            if (_last is not null || !_started)
            {
                _started = true;
                _last = null;
                return $"{at:HH:mm:ss.fff}  no answer";
            }
            return null;
        }
        var gap = _silentSince is { } since ? at - since : (TimeSpan?)null;
        _silentSince = null;
        if (answer == _last)
        {
            return null;
        }
        _started = true;
        _last = answer;
        return gap is { } g
            ? $"{at:HH:mm:ss.fff}  {answer} answers (after a gap of {g.TotalMilliseconds:0} ms)"
            : $"{at:HH:mm:ss.fff}  {answer} answers";
    }
}
