using HaVip.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.AccountId).HasMaxLength(40);
        builder.Property(e => e.KeyId).HasMaxLength(40);
        builder.Property(e => e.KeyPrefix).HasMaxLength(16);
        builder.Property(e => e.Method).HasMaxLength(10);
        builder.Property(e => e.Path).HasMaxLength(512);
        builder.Property(e => e.ResourceId).HasMaxLength(64);
        builder.Property(e => e.Code).HasMaxLength(64);
        // No foreign keys: the log outlives the accounts and keys it names.
        builder.HasIndex(e => new { e.AccountId, e.Id });
        // Retention deletes by age.
        builder.HasIndex(e => e.At);
    }
}
