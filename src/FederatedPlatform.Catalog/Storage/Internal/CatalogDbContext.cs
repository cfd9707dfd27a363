using FederatedPlatform.Catalog.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>The hub catalog's EF Core model; the provider (SQLite or PostgreSQL) is chosen by its options.</summary>
internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<RecordRow> Records => Set<RecordRow>();

    public DbSet<ChangeRow> Changes => Set<ChangeRow>();

    public DbSet<CenterRow> Centers => Set<CenterRow>();

    public DbSet<CredentialRow> Credentials => Set<CredentialRow>();

    public DbSet<HubStateRow> HubState => Set<HubStateRow>();

    public DbSet<ResyncEntryRow> ResyncEntries => Set<ResyncEntryRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            // Byte order, as on SQLite: the resync digest and keyset paging order by these columns.
            foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(string)))
            {
                property.SetCollation("C");
            }
        }
    }
}
