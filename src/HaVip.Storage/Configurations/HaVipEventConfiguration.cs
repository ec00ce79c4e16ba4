using HaVip.Domain.HaVips;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class HaVipEventConfiguration : IEntityTypeConfiguration<HaVipEvent>
{
    public void Configure(EntityTypeBuilder<HaVipEvent> builder)
    {
        builder.ToTable("havip_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Message).HasMaxLength(1024);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Finding).HasMaxLength(32);
        builder.Property(e => e.Instances).HasMaxLength(2048);
        // Events outlive their HAVIP's row only until it is removed: no FK, cleaned with it.
        builder.HasIndex(e => new { e.HaVipId, e.Id });
    }
}
