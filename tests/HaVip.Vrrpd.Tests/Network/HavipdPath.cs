namespace HaVip.Vrrpd.Tests.Network;

/// <summary>The havipd.dll built next to this test assembly through the project reference.</summary>
internal static class HavipdPath
{
    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "havipd.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("havipd.dll not next to the tests", path);
        }
    }
}
