using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HaVip.Storage.Configurations;

internal sealed class ChangeScopeConfiguration : IEntityTypeConfiguration<ChangeScopeRow>
{
    public void Configure(EntityTypeBuilder<ChangeScopeRow> builder)
    {
        builder.ToTable("change_scopes");
        // Sequence first: replicas read "everything after N", and pruning deletes "everything before N".
        builder.HasKey(s => new { s.Sequence, s.Scope });
        builder.Property(s => s.Scope).HasMaxLength(160);
    }
}
