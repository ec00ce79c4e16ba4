using HaVip.Domain.Health;
using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class InstanceVrrpConfiguration : IEntityTypeConfiguration<InstanceVrrp>
{
    public void Configure(EntityTypeBuilder<InstanceVrrp> builder)
    {
        builder.ToTable("instance_vrrp");
        builder.HasKey(o => new { o.InstanceId, o.VirtualRouterId });
        builder.HasOne<Instance>().WithMany().HasForeignKey(o => o.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(o => o.AuthType).HasMaxLength(32);
        builder.Property(o => o.Addresses).HasMaxLength(4096);
    }
}
