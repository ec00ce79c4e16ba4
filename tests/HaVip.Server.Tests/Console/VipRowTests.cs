using System.Reflection;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Server.Console.Data;

namespace HaVip.Server.Tests.Console;

public sealed class VipRowTests
{
    private static readonly VipRow Row = new("hv-1", "db", "", "10.0.0.10", SubnetType.Internal, "subnet-1", "app",
        HaVipStatus.Available, null, "i-1,i-2", "vm-1, vm-2", "i-1", "vm-1");

    [Fact]
    public void SameHavip_IsTheSameRow_WhateverItShows()
    {
        var changed = Row with { Name = "db-renamed", Status = HaVipStatus.Creating, Health = "no-master" };
        changed.Should().Be(Row, "MudTable keys rows by item: an equal row keeps its elements across reloads");
        changed.GetHashCode().Should().Be(Row.GetHashCode());
        (Row with { Id = "hv-2" }).Should().NotBe(Row);
    }

    /// <summary>Each field a row shows counts for <see cref="VipRow.Shows"/>: a field added later and forgotten there fails here.</summary>
    [Fact]
    public void Shows_TellsApartAChangeInEveryField()
    {
        Row.Shows(Row with { }).Should().BeTrue();
        var fields = typeof(VipRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null).ToList();
        fields.Should().HaveCountGreaterThan(10);
        foreach (var field in fields.Where(f => f.Name != nameof(VipRow.Id)))
        {
            var other = Row with { };
            field.SetValue(other, Different(field.PropertyType, field.GetValue(Row)));
            Row.Shows(other).Should().BeFalse("{0} changed", field.Name);
        }
    }

    private static object Different(Type type, object? value) =>
        type == typeof(SubnetType) ? (SubnetType)value! == SubnetType.Internal ? SubnetType.External : SubnetType.Internal
        : type == typeof(HaVipStatus) ? (HaVipStatus)value! == HaVipStatus.Available ? HaVipStatus.Failed : HaVipStatus.Available
        : value + "-changed";
}
