using System.Globalization;
using System.Text;

namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>The keyset position after a page of suggestions: the last row's score and pair.</summary>
internal readonly record struct SuggestionPageToken(double Score, PairKey Key)
{
    public static SuggestionPageToken Of(SuggestionRow row) => new(row.Score, row.Key);

    public static bool TryParse(string token, out SuggestionPageToken value)
    {
        value = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n');
            if (parts.Length != 5 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
                || parts.Skip(1).Any(p => p.Length == 0))
            {
                return false;
            }

            value = new SuggestionPageToken(score, new PairKey(parts[1], parts[2], parts[3], parts[4]));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public string ToToken() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join(
            '\n', Score.ToString("R", CultureInfo.InvariantCulture), Key.NeedCenter, Key.NeedLocal, Key.AchievementCenter, Key.AchievementLocal)));
}
