using FederatedPlatform.Catalog.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Catalog.Storage.Internal.Configurations;

internal sealed class ChangeRowConfiguration : IEntityTypeConfiguration<ChangeRow>
{
    public void Configure(EntityTypeBuilder<ChangeRow> builder)
    {
        builder.ToTable("changes");

        // Assigned from hub_state.catalog_seq, never by the database; on SQLite the INTEGER primary
        // key is the rowid, so reading the log in seq order is a scan of the table itself.
        builder.HasKey(c => c.Seq);
        builder.Property(c => c.Seq).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(c => c.CommitEnd).HasColumnName("commit_end");
        builder.Property(c => c.CenterId).HasColumnName("center_id");
        builder.Property(c => c.LocalId).HasColumnName("local_id");
        builder.Property(c => c.Version).HasColumnName("version");
        builder.Property(c => c.Deleted).HasColumnName("deleted");
        builder.Property(c => c.Kind).HasColumnName("kind");
        builder.Property(c => c.Sector).HasColumnName("sector");
        builder.Property(c => c.Country).HasColumnName("country");
        builder.Property(c => c.PrevKind).HasColumnName("prev_kind");
        builder.Property(c => c.PrevSector).HasColumnName("prev_sector");
        builder.Property(c => c.PrevCountry).HasColumnName("prev_country");
        builder.Property(c => c.PrevSeq).HasColumnName("prev_seq");
        builder.Property(c => c.AppliedAt).HasColumnName("applied_at");
        builder.Property(c => c.Payload).HasColumnName("payload");
    }
}
