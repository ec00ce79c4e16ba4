using HaVip.Domain.Hosts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class HostEventConfiguration : IEntityTypeConfiguration<HostEvent>
{
    public void Configure(EntityTypeBuilder<HostEvent> builder)
    {
        builder.ToTable("host_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Host).HasMaxLength(128);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Message).HasMaxLength(1024);
        builder.HasIndex(e => new { e.Host, e.Id });
    }
}
