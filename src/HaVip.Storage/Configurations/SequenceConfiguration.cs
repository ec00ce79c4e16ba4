using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class SequenceConfiguration : IEntityTypeConfiguration<SequenceRow>
{
    public void Configure(EntityTypeBuilder<SequenceRow> builder)
    {
        builder.ToTable("sequences");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(32);
        builder.HasData(new SequenceRow { Name = SequenceRow.Change, Value = 0 });
    }
}
