using HaVip.Domain.Accounts;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class HaVipConfiguration : IEntityTypeConfiguration<HighAvailabilityVip>
{
    public void Configure(EntityTypeBuilder<HighAvailabilityVip> builder)
    {
        builder.ToTable("havips");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasMaxLength(40);
        builder.Property(h => h.AccountId).HasMaxLength(40);
        builder.HasOne<Account>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.AccountId, h.Id });
        builder.Property(h => h.Name).HasMaxLength(128);
        builder.Property(h => h.Remark).HasMaxLength(256);
        builder.Property(h => h.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        // An IPv4 or an IPv6 address (RFC 5952 text, at most 39 characters).
        builder.Property(h => h.IpAddress).HasMaxLength(39);
        builder.Property(h => h.AuthPass).HasMaxLength(8);
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.Property(h => h.DecidedInstanceId).HasMaxLength(40);
        builder.Property(h => h.DecidedReason).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Vpc>().WithMany().HasForeignKey(h => h.VpcId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subnet>().WithMany().HasForeignKey(h => h.SubnetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(h => h.Bindings).WithOne().HasForeignKey(b => b.HaVipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(h => h.Hosts).WithOne().HasForeignKey(a => a.HaVipId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(h => h.Bindings).AutoInclude();
        builder.Navigation(h => h.Hosts).AutoInclude();
        builder.Ignore(h => h.InstanceIds);
        builder.HasIndex(h => new { h.SubnetId, h.IpAddress }).IsUnique();
        builder.HasIndex(h => new { h.SubnetId, h.VirtualRouterId }).IsUnique();
        builder.HasIndex(h => new { h.VpcId, h.Id });
        builder.HasIndex(h => new { h.Status, h.Id });
        builder.HasIndex(h => h.ApplyDeadline);
        builder.HasIndex(h => h.HealthDueAt);
    }
}
