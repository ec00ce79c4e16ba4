using System.Net;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Instances;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Vrrpd.Tests.Instances;

public sealed class NotifyRunnerTests
{
    [Theory]
    [InlineData(NotifyKind.Master, "MASTER")]
    [InlineData(NotifyKind.Backup, "BACKUP")]
    [InlineData(NotifyKind.Fault, "FAULT")]
    [InlineData(NotifyKind.Stop, "STOP")]
    public void StateWord_IsKeepalivedsWord(NotifyKind kind, string word) => NotifyRunner.StateWord(kind).Should().Be(word);

    [Fact]
    public void Run_GenericAndSpecific_RunWithKeepalivedArguments()
    {
        var dir = Directory.CreateTempSubdirectory("hvd-notify").FullName;
        try
        {
            var text = $$"""
                vrrp_instance VI_9 {
                    interface eth0
                    virtual_router_id 9
                    virtual_ipaddress {
                        10.0.0.9
                    }
                    notify "/bin/sh {{dir}}/log.sh"
                    notify_master "/bin/sh {{dir}}/master.sh"
                }
                """;
            File.WriteAllText(Path.Combine(dir, "log.sh"), $"#!/bin/sh\necho \"$@\" > {dir}/generic.out\n");
            File.WriteAllText(Path.Combine(dir, "master.sh"), $"#!/bin/sh\necho master > {dir}/master.out\n");
            var plan = InstancePlanner.Build(InstancePlannerTests.Parse(text), (_, _, _) => IPAddress.Loopback).Plans[0];

            new NotifyRunner(NullLogger.Instance).Run(plan, NotifyKind.Master, 150);

            var generic = Path.Combine(dir, "generic.out");
            SpinWait.SpinUntil(() => File.Exists(generic) && File.ReadAllText(generic).Length > 0 && File.Exists(Path.Combine(dir, "master.out")), TimeSpan.FromSeconds(5));
            File.ReadAllText(generic).Trim().Should().Be("INSTANCE VI_9 MASTER 150");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
