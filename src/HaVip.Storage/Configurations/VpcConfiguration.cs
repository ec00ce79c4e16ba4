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
        builder.Property(v => v.Name).HasMaxLength(128);
        builder.Property(v => v.Cidr).HasMaxLength(18);
    }
}
