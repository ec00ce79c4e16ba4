using HaVip.Net.Vrrp;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// keepalived 2.2.7's strict mode, accept mode and unicast TTL, decided once the instance is
/// complete (vrrp_complete_instance in keepalived's vrrp.c): what strict mode forbids is warned
/// about and reset, as keepalived resets it, so <c>--config-test</c> refuses the file as keepalived's
/// does and the daemon runs what keepalived would run.
/// </summary>
internal static class StrictMode
{
    public static void Complete(VrrpInstanceConfig i, GlobalDefs g, ParseContext c)
    {
        i.Strict = i.StrictSet ?? g.Strict;
        i.Accept = i.AcceptSet ?? !i.Strict;
        if (i.Strict)
            Reset(i, c);
        i.LowerPriorityNoAdvert = i.Strict || (i.LowerPriorityNoAdvertSet ?? g.LowerPriorityNoAdvert);
        i.HigherPrioritySendAdvert = !i.Strict && (i.HigherPrioritySendAdvertSet ?? g.HigherPrioritySendAdvert);
        if (i.NoPreempt && i.PreemptDelay > TimeSpan.Zero)
        {
            c.Warning(i.Position, DiagnosticCodes.PreemptDelayWithNopreempt, $"({i.Name}) preempt_delay is incompatible with nopreempt mode - resetting");
            i.PreemptDelay = TimeSpan.Zero;
        }

        if (i.UnicastTtl is not null && i.UnicastPeers.Count == 0)
        {
            c.Warning(i.UnicastTtlPosition ?? i.Position, DiagnosticCodes.UnicastTtlWithoutPeers, $"({i.Name}): Cannot use unicast_ttl without unicast peers - resetting");
            i.UnicastTtl = null;
        }
    }

    // keepalived 2.2.7's source also refuses unicast peers in strict mode, but only on an interface
    // it has seen with IFF_MULTICAST at that point; its --config-test and its daemon both ran such
    // an instance on a veth: havipd accepts them too.
    private static void Reset(VrrpInstanceConfig i, ParseContext c)
    {
        if (i.Authentication is not null)
        {
            Warn(i, c, "Strict mode does not support authentication. Ignoring.");
            i.Authentication = null;
        }

        if (i.PreemptDelay > TimeSpan.Zero)
        {
            Warn(i, c, "preempt_delay is incompatible with strict mode - resetting");
            i.PreemptDelay = TimeSpan.Zero;
        }

        // RFC 5798 section 6.4.1: only the address owner starts as master.
        if (i.InitialState == InitialState.Master && i.Priority != 255)
        {
            Warn(i, c, "State MASTER must match being address owner");
            i.InitialState = InitialState.Backup;
        }

        if (i.VmacTransmitFromBase && i.UseVmacPosition is not null)
        {
            Warn(i, c, "xmit_base is incompatible with strict mode - resetting");
            i.VmacTransmitFromBase = false;
        }

        // RFC 3768 has no Accept_Mode: a v2 master must not accept packets for addresses it does not own.
        if (i.Accept && i.Version == VrrpVersion.V2)
        {
            c.Warning(i.AcceptPosition ?? i.Position, DiagnosticCodes.AcceptModeV2, $"({i.Name}) warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            i.Accept = false;
        }

        ResetLowerPriorityAnswers(i, c);
    }

    // RFC 5798 section 6.4.3: a master discards a lower priority advert. keepalived answers it
    // (an advert, gratuitous ARPs) outside strict mode; in strict mode it does neither, and an
    // instance's own setting to the contrary is warned about. A global one is overridden silently.
    private static void ResetLowerPriorityAnswers(VrrpInstanceConfig i, ParseContext c)
    {
        if (i.Garp.LowerPriorityRepeat > 0)
            Warn(i, c, "Strict mode requires no repeat garps. resetting");
        i.Garp.LowerPriorityRepeat = 0;
        if (i.Garp.LowerPriorityDelay > TimeSpan.Zero)
            Warn(i, c, "Strict mode requires no repeat garp delay. resetting");
        i.Garp.LowerPriorityDelay = TimeSpan.Zero;
        if (i.LowerPriorityNoAdvertSet == false)
            Warn(i, c, "Strict mode requires no lower priority advert. resetting");
        if (i.HigherPrioritySendAdvertSet == true)
            Warn(i, c, "strict mode requires higher_prio_send_advert to be clear. resetting");
    }

    private static void Warn(VrrpInstanceConfig i, ParseContext c, string what) =>
        c.Warning(i.Position, DiagnosticCodes.StrictModeReset, $"({i.Name}) {what}");

    /// <summary><c>strict_mode [BOOL]</c>: a bare keyword is on; anything but a boolean is keepalived's warning, and ignored.</summary>
    public static void ReadStrictMode(Syntax.Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 1);
        var text = s.Args.Count == 0 ? "on" : s.Args[0].Text.ToLowerInvariant();
        bool? on = text switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => null,
        };
        if (on is null)
        {
            c.Warning(s.Args[0].Position, DiagnosticCodes.InvalidStrictMode, $"({i.Name}) invalid strict_mode {s.Args[0].Text} specified");
            return;
        }

        i.StrictSet = on;
    }

    /// <summary><c>unicast_ttl N</c>, 0 to 255 as keepalived reads it.</summary>
    public static void ReadUnicastTtl(Syntax.Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Arg(s, 0, "a TTL") is not { } t)
            return;
        if (!int.TryParse(t.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ttl) || ttl > 255)
        {
            c.Warning(t.Position, DiagnosticCodes.InvalidTtl, $"({i.Name}): TTL '{t.Text}' not valid - must be between 0 & 255");
            return;
        }

        i.UnicastTtl = ttl;
        i.UnicastTtlPosition = s.Position;
    }
}
