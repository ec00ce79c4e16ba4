#!/usr/bin/env bash
# Captures real keepalived 2.2.7 VRRP adverts and gratuitous ARPs as test vectors.
#
# Two network namespaces joined by a veth pair; keepalived runs in one, tcpdump in the
# other. Traffic never leaves the namespaces this script creates, and everything it
# creates (namespaces, processes, temp files) is removed on exit, even on failure.
#
# Needs root, keepalived and tcpdump (Debian: apt-get install -y keepalived tcpdump).
# Usage: sudo tests/HaVip.Net.Tests/Captures/capture.sh   (writes *.pcap next to itself)
set -euo pipefail

out_dir="$(cd "$(dirname "$0")" && pwd)"
tag="hvcap$$"
ns_vrrp="${tag}-vrrp"      # runs keepalived
ns_cap="${tag}-cap"        # runs tcpdump
if_vrrp="hvc$$v"           # interface names must stay under 16 bytes
if_cap="hvc$$c"
work="$(mktemp -d)"
pids=()

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    ip netns del "$ns_vrrp" 2>/dev/null || true
    ip netns del "$ns_cap" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns_vrrp"
ip netns add "$ns_cap"
ip link add "$if_vrrp" netns "$ns_vrrp" type veth peer name "$if_cap" netns "$ns_cap"
# No duplicate address detection: the link-local addresses (EUI-64 of the fixed MACs, so
# fe80::48:56ff:fe00:e and fe80::48:56ff:fe00:f) are usable at once and keepalived's IPv6
# sockets bind without waiting.
for ns in "$ns_vrrp" "$ns_cap"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
done
ip -n "$ns_vrrp" link set lo up
ip -n "$ns_cap" link set lo up
# Fixed MACs so the GARP vectors are reproducible from run to run.
ip -n "$ns_vrrp" link set "$if_vrrp" address 02:48:56:00:00:0e
ip -n "$ns_cap" link set "$if_cap" address 02:48:56:00:00:0f
ip -n "$ns_vrrp" addr add 10.0.240.14/24 dev "$if_vrrp"
ip -n "$ns_cap" addr add 10.0.240.15/24 dev "$if_cap"
ip -n "$ns_vrrp" addr add fd00:240::14/64 dev "$if_vrrp" nodad
ip -n "$ns_cap" addr add fd00:240::15/64 dev "$if_cap" nodad
ip -n "$ns_vrrp" link set "$if_vrrp" up
ip -n "$ns_cap" link set "$if_cap" up

# capture NAME SECONDS CONFIG: records keepalived becoming master, advertising for
# SECONDS, then stopping (SIGTERM makes it send a priority-0 advert, RFC 5798 §6.4.3).
capture() {
    local name="$1" seconds="$2" conf="$work/$1.conf"
    cat >"$conf"
    ip netns exec "$ns_cap" tcpdump -Z root -U -n -i "$if_cap" -w "$work/$name.pcap" \
        'arp or ip proto 112 or ip6 proto 112 or icmp6' 2>"$work/$name.tcpdump.log" &
    local tcpdump_pid=$!
    pids+=("$tcpdump_pid")
    sleep 1
    ip netns exec "$ns_vrrp" keepalived -n -l -D -P -G -f "$conf" \
        -p "$work/$name.pid" -r "$work/$name.vrrp.pid" -c "$work/$name.check.pid" \
        >"$work/$name.keepalived.log" 2>&1 &
    local keepalived_pid=$!
    pids+=("$keepalived_pid")
    sleep "$seconds"
    kill -TERM "$keepalived_pid"
    wait "$keepalived_pid" || true
    sleep 0.5
    kill -INT "$tcpdump_pid"
    wait "$tcpdump_pid" || true
    cp "$work/$name.pcap" "$out_dir/$name.pcap"
    echo "== $name: $(tail -n 1 "$work/$name.tcpdump.log")"
}

capture vrrp2-unicast-pass 8 <<CONF
global_defs {
    router_id hvcap-v2
    vrrp_garp_master_delay 1
    vrrp_garp_master_repeat 2
}
vrrp_instance V2 {
    state MASTER
    interface $if_vrrp
    virtual_router_id 51
    priority 150
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    unicast_src_ip 10.0.240.14
    unicast_peer {
        10.0.240.15
    }
    virtual_ipaddress {
        10.0.240.100/24
    }
}
CONF

capture vrrp3-multicast 3 <<CONF
global_defs {
    router_id hvcap-v3
    vrrp_version 3
    vrrp_garp_master_delay 1
    vrrp_garp_master_repeat 2
}
vrrp_instance V3 {
    state MASTER
    interface $if_vrrp
    virtual_router_id 52
    priority 200
    advert_int 0.1
    virtual_ipaddress {
        10.0.240.101/24
        10.0.240.102/24
        10.0.240.103/24
    }
}
CONF

# keepalived 2.2.7 takes the family of an instance from its first virtual address; VRRPv3 is
# implied for IPv6 (vrrp_version 2 would be refused for it).
capture vrrp3-ipv6-multicast 3 <<CONF
global_defs {
    router_id hvcap-v3-6m
    vrrp_garp_master_delay 1
    vrrp_garp_master_repeat 2
}
vrrp_instance V6M {
    state MASTER
    interface $if_vrrp
    virtual_router_id 53
    priority 200
    advert_int 0.1
    virtual_ipaddress {
        fd00:240::100/64
        fd00:240::101/64
    }
}
CONF

capture vrrp3-ipv6-unicast 3 <<CONF
global_defs {
    router_id hvcap-v3-6u
    vrrp_garp_master_delay 1
    vrrp_garp_master_repeat 2
}
vrrp_instance V6U {
    state MASTER
    interface $if_vrrp
    virtual_router_id 54
    priority 150
    advert_int 0.5
    unicast_src_ip fd00:240::14
    unicast_peer {
        fd00:240::15
    }
    virtual_ipaddress {
        fd00:240::102/64
    }
}
CONF
