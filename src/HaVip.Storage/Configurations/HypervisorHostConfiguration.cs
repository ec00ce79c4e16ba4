using HaVip.Domain.Hosts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class HypervisorHostConfiguration : IEntityTypeConfiguration<HypervisorHost>
{
    public void Configure(EntityTypeBuilder<HypervisorHost> builder)
    {
        builder.ToTable("hosts");
        builder.HasKey(h => h.Name);
        // As long as an instance's host name may be.
        builder.Property(h => h.Name).HasMaxLength(128);
        builder.Property(h => h.UnderlayIp).HasMaxLength(15);
        builder.Property(h => h.AgentVersion).HasMaxLength(64);
        // The liveness sweep looks for the silent ones.
        builder.HasIndex(h => h.LastSeen);
    }
}
