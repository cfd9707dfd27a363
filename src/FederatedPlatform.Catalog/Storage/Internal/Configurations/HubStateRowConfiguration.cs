using FederatedPlatform.Catalog.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Catalog.Storage.Internal.Configurations;

internal sealed class HubStateRowConfiguration : IEntityTypeConfiguration<HubStateRow>
{
    public void Configure(EntityTypeBuilder<HubStateRow> builder)
    {
        builder.ToTable("hub_state");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(h => h.HubEpoch).HasColumnName("hub_epoch");
        builder.Property(h => h.CursorKey).HasColumnName("cursor_key");
        builder.Property(h => h.CatalogSeq).HasColumnName("catalog_seq");
        builder.Property(h => h.HorizonSeq).HasColumnName("horizon_seq");
        builder.Property(h => h.SchemaVersion).HasColumnName("schema_version");
        builder.Property(h => h.CreatedAt).HasColumnName("created_at");
    }
}
