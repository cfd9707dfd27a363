using FederatedPlatform.Catalog.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Catalog.Storage.Internal.Configurations;

internal sealed class RecordRowConfiguration : IEntityTypeConfiguration<RecordRow>
{
    public void Configure(EntityTypeBuilder<RecordRow> builder)
    {
        builder.ToTable("records");
        builder.HasKey(r => new { r.CenterId, r.LocalId });
        builder.Property(r => r.CenterId).HasColumnName("center_id");
        builder.Property(r => r.LocalId).HasColumnName("local_id");
        builder.Property(r => r.Version).HasColumnName("version");
        builder.Property(r => r.Deleted).HasColumnName("deleted");
        builder.Property(r => r.Kind).HasColumnName("kind");
        builder.Property(r => r.Sector).HasColumnName("sector");
        builder.Property(r => r.Country).HasColumnName("country");
        builder.Property(r => r.Seq).HasColumnName("seq");

        // Retention asks "is this change-log row some record's current version?" by seq.
        builder.HasIndex(r => r.Seq).HasDatabaseName("ix_records_seq");
    }
}
