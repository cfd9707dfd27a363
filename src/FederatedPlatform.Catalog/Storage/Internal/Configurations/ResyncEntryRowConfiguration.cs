using FederatedPlatform.Catalog.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Catalog.Storage.Internal.Configurations;

internal sealed class ResyncEntryRowConfiguration : IEntityTypeConfiguration<ResyncEntryRow>
{
    public void Configure(EntityTypeBuilder<ResyncEntryRow> builder)
    {
        builder.ToTable("resync_entries");
        builder.HasKey(e => new { e.CenterId, e.LocalId });
        builder.Property(e => e.CenterId).HasColumnName("center_id");
        builder.Property(e => e.LocalId).HasColumnName("local_id");
        builder.Property(e => e.Version).HasColumnName("version");
    }
}
