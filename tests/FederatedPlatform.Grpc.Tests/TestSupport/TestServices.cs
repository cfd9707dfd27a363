using Google.Protobuf.Reflection;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Tests.TestSupport;

/// <summary>The grpc.testing methods, for tests that bind their own handlers.</summary>
public static class TestServices
{
    public static readonly ServiceDescriptor TestService = TestReflection.Descriptor.FindTypeByName<ServiceDescriptor>("TestService");

    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall = Method.From<SimpleRequest, SimpleResponse>(TestService, "UnaryCall");

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall =
        Method.From<StreamingOutputCallRequest, StreamingOutputCallResponse>(TestService, "StreamingOutputCall");

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall =
        Method.From<StreamingOutputCallRequest, StreamingOutputCallResponse>(TestService, "FullDuplexCall");

    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall =
        Method.From<StreamingInputCallRequest, StreamingInputCallResponse>(TestService, "StreamingInputCall");
}
