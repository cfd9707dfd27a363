// Reference peer for the gRPC benchmark: the plain synchronous C++ server, as most
// grpc++ users would write it, so the comparison is against ordinary usage rather than
// a hand-tuned async server.
#include <pthread.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "grpc/examples/helloworld.grpc.pb.h"
#include "grpc/testing/benchmark_service.grpc.pb.h"

#include "args.h"

namespace {

class GreeterImpl final : public helloworld::Greeter::Service {
  grpc::Status SayHello(grpc::ServerContext*, const helloworld::HelloRequest* request,
                        helloworld::HelloReply* reply) override {
    reply->set_message("Hello " + request->name());
    return grpc::Status::OK;
  }
};

class BenchmarkImpl final : public grpc::testing::BenchmarkService::Service {
  grpc::Status StreamingFromServer(grpc::ServerContext* context,
                                   const grpc::testing::SimpleRequest* request,
                                   grpc::ServerWriter<grpc::testing::SimpleResponse>* writer) override {
    if (request->response_size() < 0) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "response_size must not be negative");
    }
    grpc::testing::SimpleResponse response;
    response.mutable_payload()->set_body(std::string(static_cast<size_t>(request->response_size()), '\0'));
    // Write blocks while HTTP/2 flow control holds the stream and returns false once the
    // client has cancelled, which is how this unbounded stream ends.
    while (!context->IsCancelled() && writer->Write(response)) {
    }
    return grpc::Status::OK;
  }
};

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  try {
    port = peers::ParseInt(peers::Required(peers::ParseArgs(argc, argv, {"port"}), "port"), "port", 1, 65535);
  } catch (const std::exception& e) {
    std::cerr << "usage: greeter_server --port N\n" << e.what() << "\n";
    return 2;
  }

  // Shutdown must not run inside a signal handler, so SIGINT/SIGTERM are blocked here,
  // before gRPC starts its threads (they inherit the mask), and taken by sigwait below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  GreeterImpl greeter;
  BenchmarkImpl benchmark;
  const std::string address = "127.0.0.1:" + std::to_string(port);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials());
  builder.RegisterService(&greeter);
  builder.RegisterService(&benchmark);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server) {
    std::cerr << "greeter_server: cannot listen on " << address << "\n";
    return 1;
  }
  std::cout << "greeter_server (grpc++ " << grpc::Version() << ", sync) listening on " << address << std::endl;

  std::thread stopper([&signals, &server] {
    int received = 0;
    sigwait(&signals, &received);
    // Streams run until the client cancels; the deadline keeps shutdown from waiting on them.
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  });
  server->Wait();
  stopper.join();
  return 0;
}
