using System.Globalization;

namespace HaVip.Lab.Vrrp;

/// <summary>keepalived.conf text in the guide's style, shared by havipd and keepalived.</summary>
public static class Conf
{
    public static string Instance(
        int priority, int version = 3, string advertInt = "0.1", int vrid = 51, string? extra = null, string name = "VI_1", string vip = "10.77.0.100/24") =>
        string.Create(CultureInfo.InvariantCulture, $$"""
        vrrp_instance {{name}} {
            state BACKUP
            interface eth0
            virtual_router_id {{vrid}}
            priority {{priority}}
            advert_int {{advertInt}}
            version {{version}}
            {{extra}}
            virtual_ipaddress {
                {{vip}} dev eth0
            }
        }

        """);

    /// <summary>global_defs: a short second GARP burst so tests do not wait keepalived's default 5 s.</summary>
    public static string Global(string routerId, string? extra = null) => $$"""
        global_defs {
            router_id {{routerId}}
            vrrp_garp_master_delay 1
            {{extra}}
        }

        """;

    public static string Simple(string routerId, int priority, int version = 3, string advertInt = "0.1", string? extra = null) =>
        Global(routerId) + Instance(priority, version, advertInt, extra: extra);
}
