using HaVip.Domain.Accounts;
using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class VpcConfiguration : IEntityTypeConfiguration<Vpc>
{
    public void Configure(EntityTypeBuilder<Vpc> builder)
    {
        builder.ToTable("vpcs");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasMaxLength(40);
        builder.Property(v => v.AccountId).HasMaxLength(40);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => v.AccountId);
        builder.Property(v => v.Name).HasMaxLength(128);
        builder.Property(v => v.Cidr).HasMaxLength(18);
    }
}
