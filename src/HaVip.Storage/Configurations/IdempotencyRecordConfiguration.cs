using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(300);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => r.CreatedAt);
    }
}
