using HaVip.Domain.Accounts;
using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<Instance>
{
    public void Configure(EntityTypeBuilder<Instance> builder)
    {
        builder.ToTable("instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(40);
        builder.Property(i => i.AccountId).HasMaxLength(40);
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.AccountId);
        builder.Property(i => i.Name).HasMaxLength(128);
        builder.Property(i => i.Host).HasMaxLength(128);
        builder.HasOne<Vpc>().WithMany().HasForeignKey(i => i.VpcId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Nics).WithOne().HasForeignKey(n => n.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Nics).AutoInclude();
        builder.HasIndex(i => i.Host);
    }
}
