using System.Net;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Daemon;

namespace HaVip.Vrrpd.Tests.Daemon;

/// <summary>
/// enable_script_security as keepalived 2.2.7 runs it: an insecure script, or one whose user cannot
/// be set, is disabled with a warning and the rest of the file runs (seen from keepalived in a
/// namespace: "Unsafe permissions found for script … - disabling.", "Disabling track script …
/// due to insecure", "track script … not found, ignoring").
/// </summary>
public sealed class ScriptSecurityTests
{
    private const string Insecure = "/opt/ha/chk.sh";

    private const string Text = """
        global_defs {
            enable_script_security
            script_user root
        }
        vrrp_script chk_bad {
            script "/opt/ha/chk.sh"
            interval 1
        }
        vrrp_script chk_good {
            script "/bin/true"
            interval 1
        }
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 100
            track_script {
                chk_bad
                chk_good
            }
            notify_master "/opt/ha/chk.sh master"
            notify_backup /bin/true
            virtual_ipaddress {
                10.0.0.100/24
            }
        }
        vrrp_sync_group G {
            group {
                VI_1
            }
            track_script {
                chk_bad
            }
        }

        """;

    // The script is owned by uid 1000; everything else on its path and every other file is root's, 0755.
    private static (int Uid, int Gid, int Mode)? Stat(string path) =>
        path == Insecure ? (1000, 1000, 0x81ed) : (0, 0, path.StartsWith("/bin", StringComparison.Ordinal) || path.EndsWith(".sh", StringComparison.Ordinal) ? 0x81ed : 0x41ed);

    private static KeepalivedConfig Parse(string text)
    {
        var r = new KeepalivedConfigParser().ParseText(text, "keepalived.conf");
        r.HasErrors.Should().BeFalse(string.Join('\n', r.Diagnostics));
        return r.Config;
    }

    [Fact]
    public void Check_InsecureScript_WarnsAndDisablesOnlyIt()
    {
        var config = Parse(Text);

        var found = ScriptSecurity.Check(config, _ => false, Stat);

        found.Should().NotBeEmpty().And.OnlyContain(d => d.Severity == DiagnosticSeverity.Warning, "keepalived runs the rest of the file");
        found.Select(d => d.Message).Should().Contain("Disabling track script chk_bad due to insecure (/opt/ha/chk.sh is owned by uid 1000)")
            .And.Contain("Unsafe permissions found for script '/opt/ha/chk.sh master' - disabling. (/opt/ha/chk.sh is owned by uid 1000)");
        config.Scripts.Keys.Should().Equal("chk_good");
        config.Instances[0].Notify.Master.Should().BeNull();
        config.Instances[0].Notify.Backup.Should().Be("/bin/true");
    }

    [Fact]
    public void Check_InsecureScript_NoLongerTrackedByTheInstanceNorItsGroup()
    {
        var config = Parse(Text);

        ScriptSecurity.Check(config, _ => false, Stat);

        var tracked = RouterOptionsFactory.Create(config, config.Instances[0], IPAddress.Parse("10.0.0.1")).Tracked;
        tracked.Where(t => t.Kind == TrackKind.Script).Select(t => t.Name).Should().Equal("chk_good");
    }

    [Fact]
    public void Check_NoUserForScripts_DisablesEveryScriptWithAWarning()
    {
        var config = Parse(Text.Replace("    script_user root\n", "", StringComparison.Ordinal));

        var found = ScriptSecurity.Check(config, _ => false, Stat);

        found.Should().OnlyContain(d => d.Severity == DiagnosticSeverity.Warning);
        found.Select(d => d.Message).Should().Contain("Unable to set default user for vrrp script chk_good - removing (no script_user and no user keepalived_script)");
        config.Scripts.Should().BeEmpty();
        (config.Instances[0].Notify.Master, config.Instances[0].Notify.Backup).Should().Be(((string?)null, (string?)null));
    }

    [Fact]
    public void Check_WithoutScriptSecurity_RunsEverythingWithKeepalivedsSecurityViolation()
    {
        var config = Parse(Text.Replace("    enable_script_security\n", "", StringComparison.Ordinal));

        var found = ScriptSecurity.Check(config, _ => false, Stat);

        found.Should().ContainSingle().Which.Message.Should().StartWith("SECURITY VIOLATION");
        config.Scripts.Keys.Should().BeEquivalentTo("chk_bad", "chk_good");
    }
}
