using HaVip.Domain.Health;

namespace HaVip.Server.Console.Data;

/// <summary>What a tenant can do about each finding: the console's advice beside the finding's own explanation.</summary>
internal static class FindingAdvice
{
    public static string Of(FindingCode code) => code switch
    {
        FindingCode.SplitBrain =>
            "The instances do not hear each other's adverts: check security groups and firewalls for IP protocol 112 (VRRP) between them, and that each one's unicast_peer lists the others.",
        FindingCode.NoMaster =>
            "No bound instance runs VRRP for this VIP: start keepalived (systemctl status keepalived) on the instances, or check their logs for configuration errors.",
        FindingCode.HolderSilent =>
            "Clients may still reach the silent holder: check its keepalived; the advertising instance should claim the VIP with a gratuitous ARP.",
        FindingCode.ConfigMismatch =>
            "Compare each instance's /etc/keepalived/keepalived.conf with the generated one below (the field and both values are named above), then restart keepalived.",
        FindingCode.VridConflict =>
            "Another cluster in this subnet uses the same virtual_router_id: change one cluster's VRID so that their adverts are not mixed up.",
        FindingCode.RogueAdvert =>
            "An instance that is not bound advertises this VIP's address: stop VRRP on it or bind it; the platform drops its claims.",
        FindingCode.HostStale =>
            "The platform cannot reach the host's agent: it can neither see nor change the instance there. The instance's own VRRP keeps running.",
        _ => "",
    };
}
