using HaVip.Domain.Accounts;
using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class SubnetConfiguration : IEntityTypeConfiguration<Subnet>
{
    public void Configure(EntityTypeBuilder<Subnet> builder)
    {
        builder.ToTable("subnets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(40);
        builder.Property(s => s.AccountId).HasMaxLength(40);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.AccountId);
        builder.Property(s => s.Name).HasMaxLength(128);
        builder.Property(s => s.Cidr).HasMaxLength(18);
        builder.Property(s => s.Gateway).HasMaxLength(15);
        builder.Property(s => s.Ipv6Cidr).HasMaxLength(43);
        builder.Ignore(s => s.Ipv6Prefix);
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Vpc>().WithMany().HasForeignKey(s => s.VpcId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.Vni).IsUnique();
        builder.Ignore(s => s.Prefix);
        builder.Ignore(s => s.GatewayAddress);
    }
}
