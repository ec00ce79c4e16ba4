using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class OpenFindingConfiguration : IEntityTypeConfiguration<OpenFinding>
{
    public void Configure(EntityTypeBuilder<OpenFinding> builder)
    {
        builder.ToTable("havip_findings");
        builder.HasKey(f => new { f.HaVipId, f.Code });
        builder.Property(f => f.Code).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.Instances).HasMaxLength(2048);
        builder.Property(f => f.Message).HasMaxLength(1024);
        builder.HasOne<HighAvailabilityVip>().WithMany().HasForeignKey(f => f.HaVipId).OnDelete(DeleteBehavior.Cascade);
        // The list filter and the gauge go by code.
        builder.HasIndex(f => new { f.Code, f.HaVipId });
    }
}
