using HaVip.Vrrp.Machine;

namespace HaVip.Vrrp.Tests.Architecture;

/// <summary>
/// The state machine speaks the wire's types: one VRRP version enum and one drop reason enum, both
/// HaVip.Net's, so nothing maps between twins and havipd counts drops by the codec's names.
/// </summary>
public sealed class WireTypesTests
{
    [Fact]
    public void VrrpAssembly_DefinesNoTwinOfTheWireEnums()
    {
        var names = typeof(VrrpRouter).Assembly.GetTypes().Select(t => t.Name);

        names.Should().NotContain(["VrrpVersion", "DiscardReason"]);
    }

    [Fact]
    public void RouterVersionAndDiscardReason_AreHaVipNetTypes()
    {
        typeof(VrrpRouterOptions).GetProperty(nameof(VrrpRouterOptions.Version))!.PropertyType.FullName.Should().Be("HaVip.Net.Vrrp.VrrpVersion");
        typeof(AdvertDiscarded).GetProperty(nameof(AdvertDiscarded.Reason))!.PropertyType.FullName.Should().Be("HaVip.Net.DropReason");
    }
}
