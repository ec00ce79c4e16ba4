using HaVip.Domain.Errors;
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
        var vip = HaVipRulesTests.GuideVip(subnet, "192.168.177.204");

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

    [Fact]
    public void Render_Ipv6HaVip_IsVrrpV3OverTheInstancesIpv6Addresses_WithoutAuthentication()
    {
        var subnet = AddressRulesTests.Subnet("192.168.177.0/24", type: SubnetType.External, ipv6Cidr: "fd00:10:1::/64");
        var a = Vm("i-aaaaaaa1", "eth1", "192.168.177.14", subnet.Id, "fd00:10:1::e");
        var b = Vm("i-aaaaaaa2", "eth1", "192.168.177.15", subnet.Id, "fd00:10:1::f");

        var text = KeepalivedConfigRenderer.Render(HaVipRulesTests.GuideVip(subnet, "fd00:10:1::20"), subnet, a, [a, b]);

        text.Should().Contain("""
            global_defs {
                router_id i-aaaaaaa1
                vrrp_skip_check_adv_addr
                vrrp_version 3
            }
            vrrp_instance VI_havip_abcdefgh {
                state BACKUP
                interface eth1
                virtual_router_id 51
                nopreempt
                priority 100
                advert_int 1
                unicast_src_ip fd00:10:1::e
                unicast_peer {
                    fd00:10:1::f
                }
                virtual_ipaddress {
                    fd00:10:1::20/64 dev eth1
                }
                virtual_routes {
                    ::/0 via fd00:10:1::1 dev eth1
                }
            }
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_Ipv6HaVip_ForInstanceWithoutIpv6_IsInvalidState()
    {
        var subnet = AddressRulesTests.Subnet("10.0.1.0/24", ipv6Cidr: "fd00:10:1::/64");
        var old = Vm("i-aaaaaaa1", "eth0", "10.0.1.14", subnet.Id);

        var act = () => KeepalivedConfigRenderer.Render(HaVipRulesTests.GuideVip(subnet, "fd00:10:1::20"), subnet, old, [old]);

        act.Should().Throw<DomainException>().Which.Errors[0].Code.Should().Be(ErrorCode.InvalidState);
    }

    private static Instance Vm(string id, string device, string ip, string subnetId, string? ipv6 = null)
    {
        var vm = new Instance { AccountId = "acct-default", Id = id, Name = id, VpcId = "vpc-test0001" };
        vm.Nics.Add(new Nic { InstanceId = id, Device = device, SubnetId = subnetId, VpcId = "vpc-test0001", IpAddress = ip, Ipv6Address = ipv6, MacAddress = "02:00:00:00:00:01" });
        return vm;
    }
}
