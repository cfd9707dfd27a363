namespace FederatedPlatform.Search.Tests.Relevance;

/// <summary>One labelled query of queries.json: the records a speaker of the language expects, graded 2 (on topic) or 1 (related).</summary>
public sealed record RelevanceJudgement(string Id, string Language, string Text, string Note, Dictionary<string, int> Relevant);
