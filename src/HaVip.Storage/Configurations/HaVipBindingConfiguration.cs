using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class HaVipBindingConfiguration : IEntityTypeConfiguration<HaVipBinding>
{
    public void Configure(EntityTypeBuilder<HaVipBinding> builder)
    {
        builder.ToTable("havip_bindings");
        builder.HasKey(b => new { b.HaVipId, b.InstanceId });
        builder.HasOne<Instance>().WithMany().HasForeignKey(b => b.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.InstanceId);
    }
}
