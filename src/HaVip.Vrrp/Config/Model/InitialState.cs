namespace HaVip.Vrrp.Config;

/// <summary>The <c>state</c> keyword: only a hint in keepalived 2.x; the election decides.</summary>
public enum InitialState
{
    Backup,
    Master,
}
