using HaVip.Domain.HaVips;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class HostApplyConfiguration : IEntityTypeConfiguration<HostApply>
{
    /// <summary>A row that waits for a change or carries an error, in SQL both providers read alike.</summary>
    public const string UnsettledFilter = "\"AppliedGeneration\" < \"RequiredGeneration\" OR \"Error\" IS NOT NULL";

    public void Configure(EntityTypeBuilder<HostApply> builder)
    {
        builder.ToTable("havip_host_applies");
        builder.HasKey(a => new { a.HaVipId, a.Host });
        builder.Property(a => a.Host).HasMaxLength(128);
        builder.Property(a => a.Error).HasMaxLength(1024);
        builder.Ignore(a => a.IsSettled);
        builder.Ignore(a => a.HasApplied);
        // Only the rows an ack can change: those waiting for a change or carrying an error. An ack
        // reads a host's rows by this index (its query repeats the filter, so that SQLite uses it),
        // and with 25 HAVIPs a subnet a host has over a thousand rows, nearly all of them settled.
        builder.HasIndex(a => a.Host).HasFilter(UnsettledFilter);
    }
}
