namespace HaVip.Vrrp.Machine;

/// <summary>RFC 5798 section 6.4's three states plus keepalived's FAULT (a tracked object failed).</summary>
public enum VrrpState
{
    Initialize,
    Backup,
    Master,
    Fault,
}
