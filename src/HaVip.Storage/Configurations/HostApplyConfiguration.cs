using HaVip.Domain.HaVips;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class HostApplyConfiguration : IEntityTypeConfiguration<HostApply>
{
    public void Configure(EntityTypeBuilder<HostApply> builder)
    {
        builder.ToTable("havip_host_applies");
        builder.HasKey(a => new { a.HaVipId, a.Host });
        builder.Property(a => a.Host).HasMaxLength(128);
        builder.Property(a => a.Error).HasMaxLength(1024);
        builder.Ignore(a => a.IsSettled);
        builder.Ignore(a => a.HasApplied);
        builder.HasIndex(a => a.Host);
    }
}
