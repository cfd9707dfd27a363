using System.Security.Cryptography;
using System.Text.Json;
using FederatedPlatform.Catalog.Registry;
using FederatedPlatform.Catalog.Registry.Internal;
using FederatedPlatform.Catalog.Storage.Internal.Entities;
using FederatedPlatform.Catalog.Validation;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>Centers and credentials over the storage seam, through EF Core (these are not hot paths).</summary>
internal sealed class CenterRegistry(IStorageProvider provider, RecordValidator validator, TimeProvider time, ILogger logger)
    : ICenterRegistry
{
    public async Task<Center> RegisterCenterAsync(RegisterCenterRequest request, CancellationToken cancellationToken)
    {
        ValidateCenter(request);
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        if (await session.Context.Centers.AnyAsync(c => c.CenterId == request.CenterId, cancellationToken))
        {
            throw new CatalogException(CatalogErrorCode.CenterExists, $"center {request.CenterId} is already registered");
        }

        var row = new CenterRow
        {
            CenterId = request.CenterId,
            NamesJson = JsonSerializer.Serialize(new SortedDictionary<string, string>(request.Names, StringComparer.Ordinal)),
            Country = request.Country,
            RegisteredAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        session.Context.Centers.Add(row);
        await session.Context.SaveChangesAsync(cancellationToken);
        await session.CommitAsync(cancellationToken);
        CatalogLog.CenterRegistered(logger, row.CenterId);
        return ToCenter(row);
    }

    public async Task<IReadOnlyList<Center>> ListCentersAsync(CancellationToken cancellationToken)
    {
        await using var scope = await ReadContext.OpenAsync(provider, cancellationToken);
        var rows = await scope.Context.Centers.OrderBy(c => c.CenterId).ToListAsync(cancellationToken);
        return [.. rows.Select(ToCenter)];
    }

    public async Task<IssuedCredential> IssueCredentialAsync(Role role, string? centerId, string description, CancellationToken cancellationToken)
    {
        centerId = string.IsNullOrEmpty(centerId) ? null : centerId;
        ValidateCredential(role, centerId, description);
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        if (centerId is not null && !await session.Context.Centers.AnyAsync(c => c.CenterId == centerId, cancellationToken))
        {
            throw new CatalogException(CatalogErrorCode.CenterNotFound, $"center {centerId} is not registered");
        }

        var issued = await AddCredentialAsync(session, role, centerId, description, cancellationToken);
        await session.CommitAsync(cancellationToken);
        CatalogLog.CredentialIssued(logger, issued.Credential.CredentialId, role.ToString(), centerId);
        return issued;
    }

    public async Task<IssuedCredential?> IssueFirstOperatorCredentialAsync(string description, CancellationToken cancellationToken)
    {
        ValidateCredential(Role.Operator, null, description);
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);

        // Instances starting together on one empty PostgreSQL database: the counter row's lock, held to
        // commit, lets the second look for credentials only after the first has committed its own. (On
        // SQLite the write transaction already excludes every other writer.) No center row is locked here,
        // so the publish path's lock order (center, then counter) cannot deadlock with it.
        await using (var serialise = session.Command("UPDATE hub_state SET catalog_seq = catalog_seq WHERE id = 1"))
        {
            await serialise.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await session.Context.Credentials.AnyAsync(cancellationToken))
        {
            return null;
        }

        var issued = await AddCredentialAsync(session, Role.Operator, null, description, cancellationToken);
        await session.CommitAsync(cancellationToken);
        CatalogLog.CredentialIssued(logger, issued.Credential.CredentialId, nameof(Role.Operator), null);
        return issued;
    }

    private async Task<IssuedCredential> AddCredentialAsync(
        WriteSession session, Role role, string? centerId, string description, CancellationToken cancellationToken)
    {
        var (id, token, hash) = CredentialToken.Create();
        var row = new CredentialRow
        {
            CredentialId = id,
            Role = (int)role,
            CenterId = centerId,
            Description = description,
            SecretHash = hash,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        session.Context.Credentials.Add(row);
        await session.Context.SaveChangesAsync(cancellationToken);
        return new IssuedCredential(ToCredential(row), token);
    }

    public async Task<Credential> RevokeCredentialAsync(string credentialId, CancellationToken cancellationToken)
    {
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        var row = await session.Context.Credentials.SingleOrDefaultAsync(c => c.CredentialId == credentialId, cancellationToken)
            ?? throw new CatalogException(CatalogErrorCode.CredentialNotFound, $"credential {credentialId} does not exist");
        if (row.RevokedAt is null)
        {
            row.RevokedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
            await session.Context.SaveChangesAsync(cancellationToken);
            await session.CommitAsync(cancellationToken);
            CatalogLog.CredentialRevoked(logger, credentialId);
        }

        return ToCredential(row);
    }

    public async Task<IReadOnlyList<Credential>> ListCredentialsAsync(string? centerId, CancellationToken cancellationToken)
    {
        await using var scope = await ReadContext.OpenAsync(provider, cancellationToken);
        var query = scope.Context.Credentials.AsQueryable();
        if (!string.IsNullOrEmpty(centerId))
        {
            query = query.Where(c => c.CenterId == centerId);
        }

        var rows = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.CredentialId).ToListAsync(cancellationToken);
        return [.. rows.Select(ToCredential)];
    }

    public async Task<Principal?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!CredentialToken.TryParse(token, out var id, out var hash))
        {
            return null;
        }

        await using var scope = await ReadContext.OpenAsync(provider, cancellationToken);
        var row = await scope.Context.Credentials.SingleOrDefaultAsync(c => c.CredentialId == id, cancellationToken);

        // Fixed-time comparison: the time taken must not reveal how many leading bytes were right.
        return row is { RevokedAt: null } && CryptographicOperations.FixedTimeEquals(row.SecretHash, hash)
            ? new Principal(row.CredentialId, (Role)row.Role, row.CenterId)
            : null;
    }

    public async Task<IReadOnlyList<CenterProgress>> GetProgressAsync(CancellationToken cancellationToken)
    {
        await using var scope = await ReadContext.OpenAsync(provider, cancellationToken);
        var rows = await scope.Context.Centers.OrderBy(c => c.CenterId).ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(r => new CenterProgress(
                r.CenterId,
                r.LastSeen is { } seen ? DateTimeOffset.FromUnixTimeMilliseconds(seen) : null,
                (ulong)r.ProducerEpoch,
                (ulong)r.AppliedSeq,
                (ulong)r.ReportedSeq,
                (ulong)r.RejectedCount,
                r.ResyncRequested)),
        ];
    }

    public async Task RequestResyncAsync(string centerId, string reason, CancellationToken cancellationToken)
    {
        await using var session = await WriteSession.BeginAsync(provider, cancellationToken);
        var row = await session.Context.Centers.SingleOrDefaultAsync(c => c.CenterId == centerId, cancellationToken)
            ?? throw new CatalogException(CatalogErrorCode.CenterNotFound, $"center {centerId} is not registered");
        row.ResyncRequested = true;
        row.ResyncReason = reason.Length > validator.Limits.MaxDescriptionLength ? reason[..validator.Limits.MaxDescriptionLength] : reason;
        await session.Context.SaveChangesAsync(cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    private void ValidateCenter(RegisterCenterRequest request)
    {
        var errors = new List<ValidationError>();
        if (validator.CheckCenterId(request.CenterId) is { } idReason)
        {
            errors.Add(new("center_id", idReason));
        }

        validator.ValidateLanguageMap(request.Names, "names", validator.Limits.MaxCenterNameLength, required: true, multiline: false, errors);
        if (request.Country.Length != 2 || !request.Country.All(char.IsAsciiLetterUpper))
        {
            errors.Add(new("country", "not an ISO 3166-1 alpha-2 code such as OM"));
        }

        if (errors.Count > 0)
        {
            throw new CatalogException(CatalogErrorCode.InvalidArgument, errors[0].ToString()) { Field = errors[0].Field };
        }
    }

    private void ValidateCredential(Role role, string? centerId, string description)
    {
        var error = role switch
        {
            Role.Center when centerId is null => new ValidationError("center_id", "required for a center credential"),
            Role.Center when validator.CheckCenterId(centerId) is { } reason => new ValidationError("center_id", reason),
            Role.Operator or Role.Reader when centerId is not null => new ValidationError("center_id", "only center credentials name a center"),
            Role.Center or Role.Operator or Role.Reader => (ValidationError?)null,
            _ => new ValidationError("role", "must be center, operator or reader"),
        };
        if (error is null && description.Length > validator.Limits.MaxDescriptionLength)
        {
            error = new ValidationError("description", $"longer than {validator.Limits.MaxDescriptionLength} characters");
        }

        if (error is { } e)
        {
            throw new CatalogException(CatalogErrorCode.InvalidArgument, e.ToString()) { Field = e.Field };
        }
    }

    private static Center ToCenter(CenterRow row)
    {
        var center = new Center
        {
            CenterId = row.CenterId,
            Country = row.Country,
            RegisteredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(row.RegisteredAt)),
        };
        center.Names.Add(JsonSerializer.Deserialize<Dictionary<string, string>>(row.NamesJson) ?? []);
        return center;
    }

    private static Credential ToCredential(CredentialRow row)
    {
        var credential = new Credential
        {
            CredentialId = row.CredentialId,
            Role = (Role)row.Role,
            CenterId = row.CenterId ?? string.Empty,
            Description = row.Description,
            CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt)),
        };
        if (row.RevokedAt is { } revoked)
        {
            credential.RevokedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(revoked));
        }

        return credential;
    }
}
