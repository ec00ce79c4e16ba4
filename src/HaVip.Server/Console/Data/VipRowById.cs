namespace HaVip.Server.Console.Data;

/// <summary>Keeps a row selected across reloads that change its status or master.</summary>
internal sealed class VipRowById : IEqualityComparer<VipRow>
{
    public static VipRowById Instance { get; } = new();

    public bool Equals(VipRow? x, VipRow? y) => x?.Id == y?.Id;

    public int GetHashCode(VipRow obj) => StringComparer.Ordinal.GetHashCode(obj.Id);
}
