using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Daemon;

/// <summary>Lets <see cref="ConfigLoader"/> write its diagnostics to the log during a reload.</summary>
internal sealed class LogWriter(ILogger log) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    public override void WriteLine(string? value)
    {
        if (value is not null)
            Log.Problem(log, value);
    }
}
