namespace FederatedPlatform.Node.Publishing.Internal;

/// <summary>The hub broke the Publish protocol (no welcome first, a second welcome); the stream is dropped and retried.</summary>
internal sealed class PublishProtocolException(string message) : Exception(message);
