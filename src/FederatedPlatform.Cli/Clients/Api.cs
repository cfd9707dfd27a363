using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Cli.Clients;

/// <summary>The methods of the platform's services, bound once from the descriptors in protos/.</summary>
internal static class Api
{
    private static readonly ServiceDescriptor Hub = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Hub");
    private static readonly ServiceDescriptor Registry = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Registry");
    private static readonly ServiceDescriptor CatalogSearch = SearchReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CatalogSearch");
    private static readonly ServiceDescriptor Matchmaking = SearchReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Matchmaking");
    private static readonly ServiceDescriptor Node = NodeReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Node");

    public static readonly Method<WatchRequest, WatchEvent> Watch = Method.From<WatchRequest, WatchEvent>(Hub, "Watch");
    public static readonly Method<ListRecordsRequest, ListRecordsResponse> HubListRecords = Method.From<ListRecordsRequest, ListRecordsResponse>(Hub, "ListRecords");
    public static readonly Method<ListCentersRequest, ListCentersResponse> ListCenters = Method.From<ListCentersRequest, ListCentersResponse>(Hub, "ListCenters");

    public static readonly Method<RegisterCenterRequest, Center> RegisterCenter = Method.From<RegisterCenterRequest, Center>(Registry, "RegisterCenter");
    public static readonly Method<IssueCredentialRequest, IssueCredentialResponse> IssueCredential = Method.From<IssueCredentialRequest, IssueCredentialResponse>(Registry, "IssueCredential");
    public static readonly Method<RevokeCredentialRequest, RevokeCredentialResponse> RevokeCredential = Method.From<RevokeCredentialRequest, RevokeCredentialResponse>(Registry, "RevokeCredential");
    public static readonly Method<ListCredentialsRequest, ListCredentialsResponse> ListCredentials = Method.From<ListCredentialsRequest, ListCredentialsResponse>(Registry, "ListCredentials");
    public static readonly Method<GetFederationHealthRequest, FederationHealth> GetFederationHealth = Method.From<GetFederationHealthRequest, FederationHealth>(Registry, "GetFederationHealth");

    public static readonly Method<SearchRequest, SearchResponse> Search = Method.From<SearchRequest, SearchResponse>(CatalogSearch, "Search");
    public static readonly Method<ListSuggestionsRequest, ListSuggestionsResponse> ListSuggestions = Method.From<ListSuggestionsRequest, ListSuggestionsResponse>(Matchmaking, "ListSuggestions");
    public static readonly Method<WatchSuggestionsRequest, SuggestionEvent> WatchSuggestions = Method.From<WatchSuggestionsRequest, SuggestionEvent>(Matchmaking, "WatchSuggestions");
    public static readonly Method<MarkSuggestionRequest, Suggestion> MarkSuggestion = Method.From<MarkSuggestionRequest, Suggestion>(Matchmaking, "MarkSuggestion");

    public static readonly Method<ImportRecordsRequest, ImportRecordsResponse> ImportRecords = Method.From<ImportRecordsRequest, ImportRecordsResponse>(Node, "ImportRecords");
    public static readonly Method<ListRecordsRequest, ListRecordsResponse> NodeListRecords = Method.From<ListRecordsRequest, ListRecordsResponse>(Node, "ListRecords");
    public static readonly Method<GetNodeStatusRequest, NodeStatus> GetNodeStatus = Method.From<GetNodeStatusRequest, NodeStatus>(Node, "GetNodeStatus");
}
