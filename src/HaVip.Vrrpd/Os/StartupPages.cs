using System.Globalization;
using HaVip.Linux.Memory;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// Hands back the executable's and libraries' pages that start-up touched. havipd's executable is
/// resident almost whole after parsing and planning a large configuration (the kernel maps code
/// around each fault), though the running daemon executes a small part of it. Dropping this
/// process's mappings of clean file pages costs nothing but a minor fault when a page is touched
/// again; the page cache keeps them.
/// </summary>
internal static class StartupPages
{
    /// <summary>A mapping whose pages are all clean file pages.</summary>
    internal readonly record struct Mapping(ulong Start, ulong End, string Path, long ResidentKb);

    /// <summary>
    /// The mappings of <c>/proc/PID/smaps</c> safe to drop: private, not writable, backed by a file
    /// that still exists, not locked (<c>vrrp_no_swap</c>), resident, and with no anonymous
    /// (copied-on-write) or dirty page, so that every page can be read again from the file as it is.
    /// </summary>
    public static List<Mapping> Releasable(IEnumerable<string> smaps)
    {
        var result = new List<Mapping>();
        Entry? entry = null;
        foreach (var line in smaps)
        {
            if (Entry.TryHeader(line) is { } header)
            {
                if (entry?.Releasable == true)
                    result.Add(entry.Mapping);
                entry = header;
            }
            else
            {
                entry?.Field(line);
            }
        }

        if (entry?.Releasable == true)
            result.Add(entry.Mapping);
        return result;
    }

    /// <summary>Drops every releasable mapping of this process; the resident kB dropped and the first error, if any.</summary>
    public static (long ResidentKb, string? Error) Release()
    {
        long released = 0;
        string? error = null;
        foreach (var m in Releasable(File.ReadLines("/proc/self/smaps")))
        {
            if (PageAdvice.DontNeed((nuint)m.Start, (nuint)(m.End - m.Start)) is { } e)
                error ??= $"{m.Path}: {e}";
            else
                released += m.ResidentKb;
        }

        return (released, error);
    }

    private sealed class Entry(ulong start, ulong end, string permissions, string path)
    {
        private long _resident;
        private long _unsafeKb;
        private bool _locked;

        public Mapping Mapping => new(start, end, path, _resident);

        public bool Releasable =>
            permissions.Length == 4 && permissions[1] != 'w' && permissions[3] == 'p'
            && path.StartsWith('/') && !path.EndsWith(" (deleted)", StringComparison.Ordinal)
            && _resident > 0 && _unsafeKb == 0 && !_locked;

        /// <summary>"start-end perms offset dev inode [path]"; null for a field line.</summary>
        public static Entry? TryHeader(string line)
        {
            var words = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 5 || words[0].EndsWith(':'))
                return null;
            var dash = words[0].IndexOf('-', StringComparison.Ordinal);
            var range = words[0].AsSpan();
            return dash > 0
                && ulong.TryParse(range[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(range[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
                ? new Entry(start, end, words[1], words.Length == 6 ? words[5].Trim() : "")
                : null;
        }

        public void Field(string line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
                return;
            switch (words[0])
            {
                case "Rss:":
                    _resident = Kb(words[1]);
                    break;
                case "Anonymous:" or "Private_Dirty:" or "Shared_Dirty:" or "Swap:":
                    _unsafeKb += Kb(words[1]);
                    break;
                case "VmFlags:":
                    _locked = words.Skip(1).Contains("lo");
                    break;
            }
        }

        private static long Kb(string value) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : long.MaxValue / 4;
    }
}
