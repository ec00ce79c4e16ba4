using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class NicConfiguration : IEntityTypeConfiguration<Nic>
{
    public void Configure(EntityTypeBuilder<Nic> builder)
    {
        builder.ToTable("nics");
        builder.HasKey(n => new { n.InstanceId, n.Device });
        builder.Property(n => n.Device).HasMaxLength(15);
        builder.Property(n => n.IpAddress).HasMaxLength(15);
        builder.Property(n => n.Ipv6Address).HasMaxLength(39);
        builder.Property(n => n.MacAddress).HasMaxLength(17);
        builder.Property(n => n.VpcId).HasMaxLength(40);
        builder.HasOne<Subnet>().WithMany().HasForeignKey(n => n.SubnetId).OnDelete(DeleteBehavior.Restrict);
        // The database, not only the service, keeps an address and a MAC to one NIC: a MAC
        // within its VPC (a tenant's MACs neither block nor reveal another's).
        builder.HasIndex(n => new { n.SubnetId, n.IpAddress }).IsUnique();
        // NULLs (IPv4-only subnets) are distinct in a unique index on both providers.
        builder.HasIndex(n => new { n.SubnetId, n.Ipv6Address }).IsUnique();
        builder.HasIndex(n => new { n.VpcId, n.MacAddress }).IsUnique();
    }
}
