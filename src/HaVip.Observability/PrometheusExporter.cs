using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace HaVip.Observability;

/// <summary>
/// Collects System.Diagnostics.Metrics instruments of the listed meters (ASP.NET Core's own
/// request metrics among them) and renders them in the Prometheus text exposition format.
/// Counters are summed, histograms bucketed, observable gauges read at scrape time.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> _series = new();

    public PrometheusExporter(IEnumerable<string> meterNames)
    {
        var names = meterNames.ToHashSet(StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (names.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, series) in _series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
        {
            series.Render(MetricName(instrument), instrument, text);
        }
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        _series.GetOrAdd(instrument, i => new Series(i)).Record(labels, value);
    }

    private static string MetricName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        if (instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal))
        {
            name += "_seconds";
        }
        return name;
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }
        var pairs = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            var value = LabelValue(tag.Key, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "");
            pairs.Add($"{tag.Key.Replace('.', '_')}=\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"");
        }
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    /// <summary>
    /// ASP.NET Core names an unhandled exception's .NET type in <c>error.type</c>; the scrape
    /// shows no internals, so every exception type counts as one "exception". Other error
    /// types (Kestrel's "connection_reset" and the like) are kept.
    /// </summary>
    private static string LabelValue(string key, string value) =>
        key == ErrorTypeTag && value.Contains('.', StringComparison.Ordinal) ? "exception" : value;

    private const string ErrorTypeTag = "error.type";

    private sealed class Series(Instrument instrument)
    {
        private readonly ConcurrentDictionary<string, double[]> _values = new();
        private readonly bool _histogram = instrument is Histogram<double> or Histogram<long> or Histogram<int>;
        private readonly bool _gauge = instrument.IsObservable && instrument.GetType().Name.StartsWith("ObservableGauge", StringComparison.Ordinal);

        public void Record(string labels, double value)
        {
            var cells = _values.GetOrAdd(labels, _ => new double[_histogram ? Buckets.Length + 2 : 1]);
            lock (cells)
            {
                if (_histogram)
                {
                    var bucket = Array.FindIndex(Buckets, b => value <= b);
                    cells[bucket < 0 ? Buckets.Length : bucket]++;
                    cells[^1] += value;
                }
                else if (_gauge || instrument.IsObservable)
                {
                    cells[0] = value;
                }
                else
                {
                    cells[0] += value;
                }
            }
        }

        public void Render(string name, Instrument instrument, StringBuilder text)
        {
            var type = _histogram ? "histogram" : _gauge || instrument.GetType().Name.Contains("UpDown", StringComparison.Ordinal) ? "gauge" : "counter";
            var full = type == "counter" && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
            var inv = CultureInfo.InvariantCulture;
            text.Append(inv, $"# HELP {full} {instrument.Description ?? instrument.Name}\n# TYPE {full} {type}\n");
            foreach (var (labels, cells) in _values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                lock (cells)
                {
                    if (!_histogram)
                    {
                        text.Append(inv, $"{full}{Wrap(labels)} {cells[0]}\n");
                        continue;
                    }
                    double cumulative = 0;
                    for (var b = 0; b <= Buckets.Length; b++)
                    {
                        cumulative += cells[b];
                        var le = b < Buckets.Length ? Buckets[b].ToString(inv) : "+Inf";
                        text.Append(inv, $"{full}_bucket{Wrap(Join(labels, $"le=\"{le}\""))} {cumulative}\n");
                    }
                    text.Append(inv, $"{full}_sum{Wrap(labels)} {cells[^1]}\n{full}_count{Wrap(labels)} {cumulative}\n");
                }
            }
        }

        private static string Join(string a, string b) => a.Length == 0 ? b : a + "," + b;

        private static string Wrap(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";
    }
}
