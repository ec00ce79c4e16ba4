namespace HaVip.Vrrpd.Tests.Network;

internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> every 20 ms; false when it never held within <paramref name="timeout"/>.</summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout) => Until(condition, timeout, TimeSpan.FromMilliseconds(20));

    /// <summary>Polls <paramref name="condition"/> every <paramref name="poll"/>; false when it never held within <paramref name="timeout"/>.</summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return true;
            Thread.Sleep(poll);
        }

        return condition();
    }
}
