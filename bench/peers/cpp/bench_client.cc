// Neutral client for the gRPC benchmark: the same grpc++ code checks and drives every
// server under test, so no server is measured with its own client.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "grpc/examples/helloworld.grpc.pb.h"
#include "grpc/testing/benchmark_service.grpc.pb.h"

#include "args.h"

namespace {

using Clock = std::chrono::steady_clock;

const char kUsage[] =
    "usage:\n"
    "  bench_client check  --target HOST:PORT [--timeout-ms 2000]\n"
    "  bench_client stream --target HOST:PORT [--size 200] [--seconds 5] [--warmup-seconds 1]\n";

int Check(const std::map<std::string, std::string>& args) {
  const std::string target = peers::Required(args, "target");
  const int timeout_ms = peers::ParseInt(args.count("timeout-ms") ? args.at("timeout-ms") : "2000", "timeout-ms",
                                         1, 600000);
  auto stub = helloworld::Greeter::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
  helloworld::HelloRequest request;
  request.set_name("world");
  helloworld::HelloReply reply;
  const grpc::Status status = stub->SayHello(&context, request, &reply);

  if (!status.ok()) {
    std::cout << "check " << target << ": grpc-status " << status.error_code() << " (" << status.error_message()
              << ")" << std::endl;
    return 1;
  }
  const bool right = reply.message() == "Hello world";
  std::cout << "check " << target << ": grpc-status 0, reply \"" << reply.message() << "\""
            << (right ? "" : " (expected \"Hello world\")") << std::endl;
  return right ? 0 : 1;
}

int Stream(const std::map<std::string, std::string>& args) {
  const std::string target = peers::Required(args, "target");
  const int size = peers::ParseInt(args.count("size") ? args.at("size") : "200", "size", 0, 4 * 1024 * 1024);
  const int seconds = peers::ParseInt(args.count("seconds") ? args.at("seconds") : "5", "seconds", 1, 3600);
  const int warmup_seconds = peers::ParseInt(args.count("warmup-seconds") ? args.at("warmup-seconds") : "1",
                                             "warmup-seconds", 0, 3600);
  auto stub =
      grpc::testing::BenchmarkService::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));

  grpc::ClientContext context;
  grpc::testing::SimpleRequest request;
  request.set_response_size(size);
  std::unique_ptr<grpc::ClientReader<grpc::testing::SimpleResponse>> reader =
      stub->StreamingFromServer(&context, request);

  grpc::testing::SimpleResponse response;
  const Clock::time_point start = Clock::now();
  const Clock::time_point measure_from = start + std::chrono::seconds(warmup_seconds);
  const Clock::time_point measure_until = measure_from + std::chrono::seconds(seconds);
  Clock::time_point measured_start{};
  bool measuring = false;
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  Clock::time_point now = start;

  while (now < measure_until) {
    if (!reader->Read(&response)) {
      const grpc::Status status = reader->Finish();
      std::cout << "stream " << target << ": ended early after " << messages << " measured messages, grpc-status "
                << status.error_code() << " (" << status.error_message() << ")" << std::endl;
      return 1;
    }
    if (response.payload().body().size() != static_cast<size_t>(size)) {
      std::cout << "stream " << target << ": payload of " << response.payload().body().size()
                << " bytes, expected " << size << std::endl;
      context.TryCancel();
      return 1;
    }
    now = Clock::now();
    if (!measuring && now >= measure_from) {
      measuring = true;
      measured_start = now;
    }
    if (measuring) {
      ++messages;
      // Protobuf bytes per message, without the 5-byte gRPC frame prefix.
      bytes += response.ByteSizeLong();
    }
  }

  context.TryCancel();
  while (reader->Read(&response)) {
  }
  const grpc::Status status = reader->Finish();
  if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
    std::cout << "stream " << target << ": unexpected end status " << status.error_code() << " ("
              << status.error_message() << ")" << std::endl;
    return 1;
  }

  const double elapsed = std::chrono::duration<double>(now - measured_start).count();
  const double rate = elapsed > 0 ? static_cast<double>(messages) / elapsed : 0.0;
  const double megabytes = elapsed > 0 ? static_cast<double>(bytes) / elapsed / 1e6 : 0.0;
  std::printf("stream %s: %llu messages (payload %d bytes) in %.3f s after %d s warm-up\n", target.c_str(),
              static_cast<unsigned long long>(messages), size, elapsed, warmup_seconds);
  std::printf("messages/s: %.0f\n", rate);
  std::printf("MB/s: %.1f\n", megabytes);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string mode = argv[1];
  try {
    if (mode == "check") {
      return Check(peers::ParseArgs(argc, argv, 2, {"target", "timeout-ms"}));
    }
    if (mode == "stream") {
      return Stream(peers::ParseArgs(argc, argv, 2, {"target", "size", "seconds", "warmup-seconds"}));
    }
    std::cerr << "unknown mode: " << mode << "\n" << kUsage;
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << "\n" << kUsage;
  }
  return 2;
}
