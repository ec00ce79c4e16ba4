namespace HaVip.Vrrp.Config;

/// <summary>Reads configuration files from the local file system.</summary>
public sealed class PhysicalConfigFileSource : IConfigFileSource
{
    public string? ReadAllText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public IReadOnlyList<string> Glob(string pattern)
    {
        var segments = pattern.Split('/');
        var first = Array.FindIndex(segments, GlobPattern.HasWildcard);
        if (first < 0)
            return File.Exists(pattern) ? [pattern] : [];

        var root = string.Join('/', segments[..first]);
        IEnumerable<string> current = [root.Length == 0 && pattern.StartsWith('/') ? "/" : root];
        for (var i = first; i < segments.Length; i++)
            current = Step(current, segments[i], last: i == segments.Length - 1);

        return current.Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Step(IEnumerable<string> dirs, string segment, bool last)
    {
        var wildcard = GlobPattern.HasWildcard(segment);
        foreach (var dir in dirs)
        {
            var look = dir.Length == 0 ? "." : dir;
            if (!Directory.Exists(look))
                continue;

            if (!wildcard)
            {
                var path = Combine(dir, segment);
                if (last ? File.Exists(path) : Directory.Exists(path))
                    yield return path;
                continue;
            }

            var entries = last ? Directory.EnumerateFiles(look) : Directory.EnumerateDirectories(look);
            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                if (!name.StartsWith('.') && GlobPattern.IsMatch(segment, name))
                    yield return Combine(dir, name);
            }
        }
    }

    private static string Combine(string dir, string name) =>
        dir.Length == 0 ? name : dir.EndsWith('/') ? dir + name : dir + "/" + name;
}
