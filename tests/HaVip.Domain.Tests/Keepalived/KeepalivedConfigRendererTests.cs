using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Keepalived;
using HaVip.Domain.Resources;
using HaVip.Domain.Tests.Addressing;
using HaVip.Domain.Tests.HaVips;

namespace HaVip.Domain.Tests.Keepalived;

public sealed class KeepalivedConfigRendererTests
{
    [Fact]
    public void Render_ExternalHaVip_MatchesGuideShape()
    {
        var subnet = AddressRulesTests.Subnet("192.168.177.0/24", type: SubnetType.External);
        var a = Vm("i-aaaaaaa1", "eth1", "192.168.177.14", subnet.Id);
        var b = Vm("i-aaaaaaa2", "eth1", "192.168.177.15", subnet.Id);
        var vip = new HighAvailabilityVip
        {
            AccountId = "acct-default",
            Id = "havip-abcdefgh",
            Name = "web",
            VpcId = subnet.VpcId,
            SubnetId = subnet.Id,
            IpAddress = "192.168.177.204",
            Type = SubnetType.External,
            VirtualRouterId = 51,
            AuthPass = "k3y9pass",
        };

        var text = KeepalivedConfigRenderer.Render(vip, subnet, a, [a, b]);

        text.Should().Contain("""
            vrrp_instance VI_havip_abcdefgh {
                state BACKUP
                interface eth1
                virtual_router_id 51
                nopreempt
                priority 100
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass k3y9pass
                }
                unicast_src_ip 192.168.177.14
                unicast_peer {
                    192.168.177.15
                }
                virtual_ipaddress {
                    192.168.177.204/24 dev eth1
                }
                virtual_routes {
                    0.0.0.0/0 via 192.168.177.1 dev eth1
                }
            }
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_InstanceNotBound_IsRefused()
    {
        var subnet = AddressRulesTests.Subnet("10.0.240.0/24");
        var vip = HaVipRulesTests.Vip();
        var act = () => KeepalivedConfigRenderer.Render(vip, subnet, Vm("i-aaaaaaa1", "eth0", "10.0.240.14", subnet.Id), []);
        act.Should().Throw<DomainException>();
    }

    private static Instance Vm(string id, string device, string ip, string subnetId)
    {
        var vm = new Instance { AccountId = "acct-default", Id = id, Name = id, VpcId = "vpc-test0001" };
        vm.Nics.Add(new Nic { InstanceId = id, Device = device, SubnetId = subnetId, VpcId = "vpc-test0001", IpAddress = ip, MacAddress = "02:00:00:00:00:01" });
        return vm;
    }
}
