using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Node.Storage.Internal.Configurations;

internal sealed class OwnRecordRowConfiguration : IEntityTypeConfiguration<OwnRecordRow>
{
    public void Configure(EntityTypeBuilder<OwnRecordRow> builder)
    {
        builder.ToTable("own_records");
        builder.HasKey(r => r.LocalId);
        builder.Property(r => r.LocalId).HasColumnName("local_id").UseCollation("BINARY");
        builder.Property(r => r.Version).HasColumnName("version");
        builder.Property(r => r.Deleted).HasColumnName("deleted");
        builder.Property(r => r.Kind).HasColumnName("kind");
        builder.Property(r => r.Sector).HasColumnName("sector");
        builder.Property(r => r.Country).HasColumnName("country");
        builder.Property(r => r.Payload).HasColumnName("payload");
    }
}
