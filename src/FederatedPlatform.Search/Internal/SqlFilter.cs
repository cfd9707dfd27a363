using System.Data.Common;
using System.Text;

namespace FederatedPlatform.Search.Internal;

/// <summary>Appends a <see cref="SearchFilter"/> as parameterised predicates on <c>search_docs AS d</c> (standard SQL: SQLite and PostgreSQL).</summary>
internal static class SqlFilter
{
    public static void Append(StringBuilder sql, DbCommand command, SearchFilter filter)
    {
        In(sql, command, "d.kind", "k", filter.Kinds.Select(k => (object)(int)k));
        In(sql, command, "d.sector", "s", filter.Sectors.Select(s => (object)(int)s));
        In(sql, command, "d.country", "c", filter.Countries.Select(c => (object)c.ToUpperInvariant()));
        In(sql, command, "d.center_id", "ce", filter.CenterIds);
        In(sql, command, "d.status", "st", filter.Statuses.Select(s => (object)(int)s));
        if (filter.ExcludedCenterIds.Count > 0)
        {
            sql.Append(" AND d.center_id NOT IN (");
            List(sql, command, "x", filter.ExcludedCenterIds);
            sql.Append(')');
        }

        if (filter.HasTrlRange)
        {
            sql.Append(" AND d.trl BETWEEN @trl_min AND @trl_max");
            command.Parameter("@trl_min", Math.Max(1, filter.MinTrl ?? 1));
            command.Parameter("@trl_max", filter.MaxTrl ?? 9);
        }

        // d.languages is the record's primary subtags, space-separated; a subtag is letters only, so it
        // cannot hold a LIKE wildcard.
        var languages = SearchValidation.Languages(filter);
        for (var i = 0; i < languages.Count; i++)
        {
            var name = $"@f_l{i}";
            sql.Append(i == 0 ? " AND (" : " OR ").Append("' ' || d.languages || ' ' LIKE ").Append(name);
            command.Parameter(name, $"% {languages[i]} %");
        }

        if (languages.Count > 0)
        {
            sql.Append(')');
        }
    }

    private static void In(StringBuilder sql, DbCommand command, string column, string prefix, IEnumerable<object> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return;
        }

        sql.Append(" AND ").Append(column).Append(" IN (");
        List(sql, command, prefix, list);
        sql.Append(')');
    }

    private static void List(StringBuilder sql, DbCommand command, string prefix, IEnumerable<object> values)
    {
        var i = 0;
        foreach (var value in values)
        {
            var name = $"@f_{prefix}{i}";
            sql.Append(i == 0 ? string.Empty : ", ").Append(name);
            command.Parameter(name, value);
            i++;
        }
    }
}
